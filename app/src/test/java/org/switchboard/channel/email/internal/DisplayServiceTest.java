package org.switchboard.channel.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.mock.env.MockEnvironment;
import org.switchboard.channel.email.QuoteSplit;
import org.switchboard.channel.email.SafeHtml;

class DisplayServiceTest {

    static InboundEmailProperties defaults() {
        var env = new MockEnvironment();
        return new Binder(ConfigurationPropertySources.get(env))
                .bindOrCreate("switchboard.email.inbound", Bindable.of(InboundEmailProperties.class));
    }

    private final DisplayService display = new DisplayService(defaults());

    @Test
    void gmailStyleAttributionAndQuotedLinesAreFolded() {
        String text =
                "Thanks, that worked.\n\nOn Tue, 24 Nov 2026 at 10:00, Support <support@example.com> wrote:\n> Try restarting.\n> Regards\n";
        QuoteSplit split = display.splitText(text);
        assertThat(split.visible()).isEqualTo("Thanks, that worked.\n\n");
        assertThat(split.quoted()).startsWith("On Tue");
        assertThat(split.visible() + split.quoted()).isEqualTo(text);
    }

    @Test
    void outlookHeaderBlockAndLocalizedAttributionsAreFolded() {
        QuoteSplit outlook = display.splitText(
                "Bitte um Rückruf.\n\n________________________________\nFrom: Support <s@example.com>\nSent: Tuesday\nTo: Ana\nSubject: Re: x\n\nold text\n");
        assertThat(outlook.visible()).isEqualTo("Bitte um Rückruf.\n\n");
        assertThat(outlook.quoted()).startsWith("_____");

        QuoteSplit french = display.splitText("Merci !\nLe mar. 24 nov. 2026 à 10:00, Support a écrit :\n> ancien\n");
        assertThat(french.visible()).isEqualTo("Merci !\n");

        QuoteSplit original = display.splitText("ok\n-----Original Message-----\nFrom: x\n");
        assertThat(original.quoted()).startsWith("-----Original");
    }

    @Test
    void signaturesAreFoldedButInlineRepliesAndAllQuoteBodiesStayVisible() {
        QuoteSplit sig = display.splitText("See you.\n-- \nAna Lopez\nACME\n");
        assertThat(sig.visible()).isEqualTo("See you.\n");
        assertThat(sig.quoted()).isEqualTo("-- \nAna Lopez\nACME\n");

        String inline = "> question one?\nanswer one\n> question two?\nanswer two\n";
        assertThat(display.splitText(inline).quoted()).isEmpty();

        String onlyQuote = "> just forwarded text\n";
        assertThat(display.splitText(onlyQuote)).isEqualTo(new QuoteSplit(onlyQuote, ""));
    }

    @Test
    void htmlIsSanitizedCidImagesRewrittenAndRemoteImagesHeldBack() {
        String html = "<div onclick=\"x()\">Hi<script>alert(1)</script><img src=\"cid:logo@x\">"
                + "<img src=\"https://tracker.example/p.gif\"><img src=\"cid:unknown\"><img src=\"javascript:alert(1)\">"
                + "<a href=\"javascript:alert(2)\">bad</a><a href=\"https://example.com\">good</a>"
                + "<iframe src=\"https://evil\"></iframe><form><input></form><style>body{}</style></div>";
        SafeHtml safe = display.sanitize(html, Map.of("logo@x", "/api/v1/attachments/123"), false);

        assertThat(safe.html())
                .doesNotContain("script", "onclick", "javascript", "iframe", "<form", "<style", "cid:")
                .contains("src=\"/api/v1/attachments/123\"")
                .contains("data-remote-src=\"https://tracker.example/p.gif\"")
                .contains("href=\"https://example.com\"")
                .contains("nofollow", "noopener");
        assertThat(safe.html()).doesNotContain(" src=\"https://tracker");
        assertThat(safe.blockedRemoteImages()).isEqualTo(1);

        SafeHtml allowed = display.sanitize(html, Map.of(), true);
        assertThat(allowed.html()).contains("src=\"https://tracker.example/p.gif\"");
        assertThat(allowed.blockedRemoteImages()).isZero();
    }

    @Test
    void htmlQuotesOfCommonClientsAreSplitOff() {
        String gmail = "<div dir=\"ltr\">New answer</div><br><div class=\"gmail_quote\"><div>On Tue … wrote:</div>"
                + "<blockquote>old</blockquote></div>";
        QuoteSplit split = display.splitHtml(gmail, Map.of(), false);
        assertThat(split.visible()).contains("New answer").doesNotContain("old");
        assertThat(split.quoted()).contains("old").doesNotContain("New answer").doesNotContain("gmail_quote");

        String outlook = "<div><p>Reply</p><div id=\"divRplyFwdMsg\"><b>From:</b> x</div><div>older text</div></div>";
        QuoteSplit o = display.splitHtml(outlook, Map.of(), false);
        assertThat(o.visible()).contains("Reply").doesNotContain("older");
        assertThat(o.quoted()).contains("From:").contains("older text");

        assertThat(display.splitHtml("<p>no quote</p>", Map.of(), false).hasQuoted())
                .isFalse();
    }

    @Test
    void manyLinksAreSanitizedInBoundedTime() {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            html.append("<a href=\"https://example.com/")
                    .append(i)
                    .append("\">link ")
                    .append(i)
                    .append("</a> ");
        }
        long start = System.nanoTime();
        SafeHtml safe = display.sanitize(html.toString(), Map.of(), false);
        assertThat(safe.html()).contains("link 1999");
        // A generous bound: the benchmark measures the real figure; this only catches a quadratic regression.
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }
}
