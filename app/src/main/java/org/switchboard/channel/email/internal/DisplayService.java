package org.switchboard.channel.email.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.switchboard.channel.email.EmailDisplay;
import org.switchboard.channel.email.QuoteSplit;
import org.switchboard.channel.email.SafeHtml;

/**
 * Quote folding and HTML sanitizing for email bodies. The sanitizer is the OWASP Java HTML Sanitizer (as
 * for every message in cases) with a policy for mail: images allowed, but their sources decided here
 * first: {@code cid:} to an attachment URL, remote only when the agent allowed them.
 */
@Service
class DisplayService implements EmailDisplay {

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.STYLES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("a")
                    .allowUrlProtocols("http", "https", "mailto")
                    .allowAttributes("href")
                    .onElements("a")
                    .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
                    .allowAttributes("target")
                    .matching(false, "_blank")
                    .onElements("a")
                    .toFactory())
            .and(new HtmlPolicyBuilder()
                    .allowElements("img")
                    .allowUrlProtocols("http", "https")
                    .allowAttributes("src", "alt", "title", "width", "height")
                    .onElements("img")
                    .allowAttributes("data-remote-src")
                    .matching(Pattern.compile("https?://\\S{1,2000}"))
                    .onElements("img")
                    .toFactory())
            .and(new HtmlPolicyBuilder()
                    .allowElements("br", "hr", "pre", "code", "span", "div", "font", "center", "tt")
                    .allowAttributes("color")
                    .onElements("font")
                    .allowAttributes("align")
                    .onElements("div", "p", "td", "th")
                    .toFactory());

    /** Quote containers and signatures of the common clients, as CSS selectors. */
    private static final String QUOTE_SELECTOR = String.join(
            ", ",
            "div.gmail_quote",
            "blockquote.gmail_quote",
            "div.gmail_signature",
            "blockquote[type=cite]",
            "div#divRplyFwdMsg",
            "div#appendonsend",
            "div.moz-cite-prefix",
            "div.moz-signature",
            "pre.moz-signature",
            "div.yahoo_quoted",
            "div#mail-editor-reference-message-container",
            "div[data-marker=__QUOTED_TEXT__]");

    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^\\s*(on\\b.{0,200}\\bwrote\\s*:|le\\b.{0,200}\\ba écrit\\s*:|am\\b.{0,200}\\bschrieb.{0,40}:"
                    + "|el\\b.{0,200}\\bescribió\\s*:|.{0,200}\\bпишет\\s*:|.{0,200}写道\\s*[:：]|.{0,200}\\bnapisał\\s*:)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^\\s*-{3,}\\s*(original message|ursprüngliche nachricht|message d'origine|исходное сообщение|原始邮件)"
                    + "\\s*-{3,}\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_LINE =
            Pattern.compile("^\\s*\\*?(from|von|de|от|发件人)\\s*\\*?\\s*[:：].+", Pattern.CASE_INSENSITIVE);
    private static final Pattern SENT_LINE = Pattern.compile(
            "^\\s*\\*?(sent|date|gesendet|envoyé|отправлено|发送时间|to|an|à|кому|subject|betreff|objet)\\s*\\*?\\s*[:：].*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGNATURE = Pattern.compile(
            "^(--\\s?|sent from my .{1,40}|envoyé de mon .{1,40}|von meinem .{1,40} gesendet|get outlook for .{1,40})$",
            Pattern.CASE_INSENSITIVE);

    private final int maxHtml;

    @Autowired
    DisplayService(InboundEmailProperties properties) {
        this(properties.limits().maxHtmlBytes());
    }

    /** For benchmarks without Spring. */
    DisplayService(int maxHtml) {
        this.maxHtml = maxHtml;
    }

    @Override
    public QuoteSplit splitText(String text) {
        String normalized = text.replace("\r\n", "\n");
        List<String> lines = normalized.lines().toList();
        int cut = -1;
        for (int i = 0; i < lines.size() && cut < 0; i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (ATTRIBUTION.matcher(line).matches()
                    || (i + 1 < lines.size()
                            && ATTRIBUTION
                                    .matcher(line + " " + lines.get(i + 1))
                                    .matches()
                            && !trimmed.isEmpty()
                            && restIsQuoted(lines, i + 2))) {
                cut = i;
            } else if (ORIGINAL_MESSAGE.matcher(line).matches()) {
                cut = i;
            } else if (HEADER_LINE.matcher(line).matches() && outlookBlock(lines, i)) {
                cut = i > 0 && lines.get(i - 1).strip().matches("_{10,}") ? i - 1 : i;
            } else if (line.startsWith(">") && restIsQuoted(lines, i)) {
                cut = i;
            } else if (SIGNATURE
                            .matcher(line.stripTrailing().equals("-- ") ? "-- " : trimmed)
                            .matches()
                    && !trimmed.isEmpty()
                    && lines.size() - i <= 15) {
                cut = i;
            }
        }
        if (cut <= 0 || lines.subList(0, cut).stream().allMatch(String::isBlank)) {
            return new QuoteSplit(text, "");
        }
        // Split the original string at the same line so visible + quoted is the full text.
        int offset = 0;
        for (int i = 0; i < cut; i++) {
            int nl = text.indexOf('\n', offset);
            offset = nl < 0 ? text.length() : nl + 1;
        }
        return new QuoteSplit(text.substring(0, offset), text.substring(offset));
    }

    /** Every remaining non-blank line is quoted, an attribution or a signature: nothing new follows. */
    private static boolean restIsQuoted(List<String> lines, int from) {
        boolean sawQuote = false;
        for (int i = from; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith(">")) {
                sawQuote = true;
                continue;
            }
            if (SIGNATURE.matcher(l).matches() || ATTRIBUTION.matcher(l).matches()) {
                break;
            }
            return false;
        }
        return sawQuote || from >= lines.size();
    }

    /** Outlook's "From: … / Sent: … / To: … / Subject: …" block. */
    private static boolean outlookBlock(List<String> lines, int i) {
        int headers = 0;
        for (int j = i + 1; j < Math.min(lines.size(), i + 6); j++) {
            if (SENT_LINE.matcher(lines.get(j)).matches()) {
                headers++;
            }
        }
        return headers >= 2;
    }

    @Override
    public QuoteSplit splitHtml(String html, Map<String, String> cidUrls, boolean allowRemoteImages) {
        Document doc = Jsoup.parse(cut(html));
        Element marker = doc.body().selectFirst(QUOTE_SELECTOR);
        if (marker == null) {
            return new QuoteSplit(sanitize(doc, cidUrls, allowRemoteImages).html(), "");
        }
        // Everything from the marker on, in document order, is the quoted half: the marker, its following
        // siblings, then the following siblings of each ancestor up to the body.
        List<Node> moved = new java.util.ArrayList<>();
        moved.add(marker);
        for (Node current = marker; current != null && current != doc.body(); current = current.parent()) {
            for (Node n = current.nextSibling(); n != null; n = n.nextSibling()) {
                moved.add(n);
            }
        }
        Document quoted = Document.createShell("");
        doc.outputSettings().prettyPrint(false);
        for (Node n : moved) {
            quoted.body().appendChild(n);
        }
        String visibleHtml = sanitize(doc, cidUrls, allowRemoteImages).html();
        if (Jsoup.parse(visibleHtml).text().isBlank()) {
            return new QuoteSplit(sanitize(html, cidUrls, allowRemoteImages).html(), "");
        }
        return new QuoteSplit(
                visibleHtml, sanitize(quoted, cidUrls, allowRemoteImages).html());
    }

    @Override
    public SafeHtml sanitize(String html, Map<String, String> cidUrls, boolean allowRemoteImages) {
        return sanitize(Jsoup.parse(cut(html)), cidUrls, allowRemoteImages);
    }

    private String cut(String html) {
        return html.length() > maxHtml ? html.substring(0, maxHtml) : html;
    }

    private static SafeHtml sanitize(Document doc, Map<String, String> cidUrls, boolean allowRemoteImages) {
        // Keep the mail's own whitespace (pre blocks, plain-text-like HTML).
        doc.outputSettings().prettyPrint(false);
        int blocked = 0;
        for (Element img : doc.select("img")) {
            String src = img.attr("src").trim();
            String lower = src.toLowerCase(Locale.ROOT);
            if (lower.startsWith("cid:")) {
                String url = cidUrls.get(src.substring(4));
                if (url == null) {
                    img.remove();
                } else {
                    img.attr("src", url);
                }
            } else if (lower.startsWith("http://") || lower.startsWith("https://")) {
                if (!allowRemoteImages) {
                    // A remote image tells the sender the mail was read: held back until the agent allows it.
                    img.removeAttr("src");
                    img.attr("data-remote-src", src);
                    if (!img.hasAttr("alt")) {
                        img.attr("alt", "[image]");
                    }
                    blocked++;
                }
            } else {
                img.remove();
            }
        }
        return new SafeHtml(POLICY.sanitize(doc.body().html()), blocked);
    }
}
