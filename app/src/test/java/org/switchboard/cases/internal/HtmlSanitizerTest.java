package org.switchboard.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlSanitizerTest {

    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    @Test
    void keepsFormattingAndSafeLinksAndDropsScripts() {
        String html = sanitizer.sanitize("<p onclick=\"x()\">Hi <b>there</b> <a href=\"https://example.test\">link</a>"
                + "<a href=\"javascript:alert(1)\">bad</a><script>alert(1)</script><img src=x onerror=alert(1)></p>");
        assertThat(html).contains("<b>there</b>", "href=\"https://example.test\"", "nofollow");
        assertThat(html).doesNotContain("script", "onclick", "javascript", "onerror", "<img");
    }

    @Test
    void textOfHtmlIsItsVisibleText() {
        assertThat(sanitizer.textOf("<p>Hello <b>world</b></p>")).isEqualTo("Hello world");
    }
}
