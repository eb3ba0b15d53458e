package org.iln.cli.dev;

import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.Objects;
import org.iln.serving.CacheRules;
import org.iln.serving.ResponseHeaders;

/**
 * What CloudFront and the site bucket add to responses in AWS, added by the dev server too, from
 * the same definitions (org.iln.serving): the security headers on every page, file and API answer,
 * and each baked file's Cache-Control. So a page that breaks under the production CSP, or caches
 * wrongly, breaks here first.
 */
final class ServedAsInProduction {

    private final ResponseHeaders headers;
    private final CacheRules caching;

    ServedAsInProduction(ResponseHeaders headers, CacheRules caching) {
        this.headers = Objects.requireNonNull(headers, "headers");
        this.caching = Objects.requireNonNull(caching, "caching");
    }

    static ServedAsInProduction production() {
        return new ServedAsInProduction(ResponseHeaders.production(), CacheRules.production());
    }

    /** Adds the security headers, as CloudFront's response headers policy does for the site and /api/*. */
    void securityHeaders(Context ctx) {
        headers.headers().forEach(ctx::header);
    }

    /** Adds the Cache-Control the deploy gives {@code file} (inside {@code siteRoot}) in the bucket. */
    void cacheControl(Context ctx, Path siteRoot, Path file) {
        String relative = siteRoot.relativize(file).toString().replace('\\', '/');
        ctx.header("Cache-Control", caching.cacheControl(relative));
    }
}
