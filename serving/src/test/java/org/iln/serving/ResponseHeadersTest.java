package org.iln.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResponseHeadersTest {

    private static final ResponseHeaders PRODUCTION = ResponseHeaders.production();

    @Test
    void production_sends_hsts_a_csp_nosniff_a_referrer_policy_and_no_framing() {
        assertThat(PRODUCTION.headers()).containsOnlyKeys("Strict-Transport-Security", "Content-Security-Policy",
                "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options");
        assertThat(PRODUCTION.value("x-content-type-options")).contains("nosniff");
        assertThat(PRODUCTION.value("X-Frame-Options")).contains("DENY");
    }

    @Test
    void the_csp_lets_pagefind_compile_webassembly_and_nothing_broader() {
        String csp = PRODUCTION.value(ResponseHeaders.CONTENT_SECURITY_POLICY).orElseThrow();
        assertThat(csp).contains("script-src 'self' 'wasm-unsafe-eval';")
                .doesNotContain("'unsafe-eval'").doesNotContain("'unsafe-inline'")
                .contains("frame-ancestors 'none'").contains("default-src 'self'");
    }
}
