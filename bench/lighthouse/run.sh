#!/usr/bin/env bash
# Lighthouse (from npm, driving Debian's Chromium; it downloads no browser) on five key pages of a
# running `./iln dev`, which serves the production headers. Prints each category's score and the
# signup-relevant figures: page weight, DOM elements, total blocking time, longest main-thread task.
#
#   ./iln dev --port 8185 &
#   bench/lighthouse/run.sh http://localhost:8185
#
# Not part of the build or CI: the first run installs Lighthouse into bench/lighthouse/node_modules.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
base=${1:-http://localhost:8080}
pages=${PAGES:-"/ /how-it-works.html /signup.html /points/2026-2/01-getting-to-know-you.html /search.html"}
[[ -x "$here/node_modules/.bin/lighthouse" ]] || npm ci --prefix "$here" --no-audit --no-fund
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-45s %5s %5s %5s %5s %9s %8s %6s %8s\n' page perf a11y best seo bytes elements tbt-ms longest
for page in $pages; do
  report="$out/report.json"
  "$here/node_modules/.bin/lighthouse" "$base$page" --quiet --output=json --output-path="$report" \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox --disable-dev-shm-usage" >/dev/null 2>&1 || {
      echo "$page: Lighthouse failed"; continue; }
  node -e '
    const r = require(process.argv[1]);
    const s = (c) => Math.round(r.categories[c].score * 100);
    const a = (id) => (r.audits[id] || {}).numericValue;
    const tasks = ((r.audits["long-tasks"] || {}).details || {}).items || [];
    const longest = tasks.reduce((m, t) => Math.max(m, t.duration), 0);
    const dom = (r.audits["dom-size"] || r.audits["dom-size-insight"] || {}).numericValue;
    console.log([process.argv[2].padEnd(45), String(s("performance")).padStart(5), String(s("accessibility")).padStart(5),
      String(s("best-practices")).padStart(5), String(s("seo")).padStart(5), String(Math.round(a("total-byte-weight"))).padStart(9),
      String(dom === undefined ? "-" : Math.round(dom)).padStart(8), String(Math.round(a("total-blocking-time"))).padStart(6),
      String(Math.round(longest)).padStart(8)].join(" "));
  ' "$report" "$page"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
