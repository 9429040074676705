package org.switchboard.cases.internal;

import org.jsoup.Jsoup;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.springframework.stereotype.Component;

/**
 * Untrusted message HTML made safe to render: formatting, blocks, lists, tables and http(s)/mailto links
 * survive; scripts, styles, event handlers, forms and frames do not.
 */
@Component
class HtmlSanitizer {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("a")
                    .allowUrlProtocols("http", "https", "mailto")
                    .allowAttributes("href")
                    .onElements("a")
                    .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
                    .toFactory())
            .and(new HtmlPolicyBuilder()
                    .allowElements("br", "hr", "pre", "code", "span", "div")
                    .toFactory());

    String sanitize(String html) {
        return POLICY.sanitize(html);
    }

    /** The text of an HTML fragment, for messages that came as HTML only. */
    String textOf(String html) {
        return Jsoup.parse(html).text();
    }
}
