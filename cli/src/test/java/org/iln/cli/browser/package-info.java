/** Browser tests: a real ./iln dev driven through headless Chromium, and axe-core on every page. */
package org.iln.cli.browser;
