package org.switchboard.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.Passage;

/**
 * Article bodies: Markdown rendered to HTML and sanitized (authors are trusted less than the browser of a
 * customer reading the help center: raw HTML in Markdown passes the same policy as any untrusted HTML),
 * plain text for search, and the split into passages. Stateless and thread-safe.
 */
public final class MarkdownText {

    private static final List<org.commonmark.Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML =
            HtmlRenderer.builder().extensions(EXTENSIONS).build();
    private static final TextContentRenderer TEXT =
            TextContentRenderer.builder().extensions(EXTENSIONS).build();
    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");

    private static final PolicyFactory POLICY = Sanitizers.FORMATTING
            .and(Sanitizers.BLOCKS)
            .and(Sanitizers.TABLES)
            .and(Sanitizers.IMAGES)
            .and(new HtmlPolicyBuilder()
                    .allowElements("a")
                    .allowUrlProtocols("http", "https", "mailto")
                    .allowAttributes("href", "title")
                    .onElements("a")
                    .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
                    .toFactory())
            .and(new HtmlPolicyBuilder()
                    .allowElements("br", "hr", "pre", "code", "span", "div", "kbd")
                    .toFactory());

    private MarkdownText() {}

    /** The body as safe HTML. */
    public static String html(String markdown) {
        return POLICY.sanitize(HTML.render(PARSER.parse(markdown)));
    }

    /** Untrusted HTML made safe to show (used for imported HTML shown as is). */
    public static String sanitize(String html) {
        return POLICY.sanitize(html);
    }

    /** The body as plain text, markup removed. */
    public static String text(String markdown) {
        Node document = PARSER.parse(markdown);
        return TEXT.render(document).strip();
    }

    /**
     * The body split into passages: a heading starts a new passage, paragraphs are gathered up to {@link
     * Articles#PASSAGE_CHARS} characters, a longer paragraph is cut at sentence ends (or hard, as a last
     * resort). Every passage is non-blank; an empty body gives one passage with the title.
     */
    public static List<Passage> passages(ArticleId id, String title, String markdown) {
        List<String[]> pieces = new ArrayList<>(); // {heading, text}
        String heading = title;
        StringBuilder paragraph = new StringBuilder();
        StringBuilder current = new StringBuilder();
        String currentHeading = title;
        List<String> lines = markdown.lines().toList();
        List<String[]> paragraphs = new ArrayList<>(); // {heading, paragraph text, startsSection}
        boolean inFence = false;
        for (String line : lines) {
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) {
                inFence = !inFence;
                paragraph.append(line).append('\n');
                continue;
            }
            var match = inFence ? null : HEADING.matcher(line);
            if (match != null && match.matches()) {
                flush(paragraphs, heading, paragraph);
                heading = match.group(2).isBlank() ? heading : match.group(2);
                paragraphs.add(new String[] {heading, "", "section"});
            } else if (!inFence && line.isBlank()) {
                flush(paragraphs, heading, paragraph);
            } else {
                paragraph.append(line).append('\n');
            }
        }
        flush(paragraphs, heading, paragraph);

        for (String[] p : paragraphs) {
            if (p[2].equals("section")) {
                if (!current.isEmpty()) {
                    pieces.add(new String[] {currentHeading, current.toString()});
                    current.setLength(0);
                }
                currentHeading = p[0];
                continue;
            }
            for (String chunk : cut(p[1])) {
                if (!current.isEmpty() && current.length() + chunk.length() + 1 > Articles.PASSAGE_CHARS) {
                    pieces.add(new String[] {currentHeading, current.toString()});
                    current.setLength(0);
                }
                if (!current.isEmpty()) {
                    current.append('\n');
                }
                current.append(chunk);
            }
        }
        if (!current.isEmpty()) {
            pieces.add(new String[] {currentHeading, current.toString()});
        }
        List<Passage> passages = new ArrayList<>();
        if (pieces.isEmpty()) {
            passages.add(new Passage(id + "#0", id, 0, title, title));
            return passages;
        }
        for (int i = 0; i < pieces.size(); i++) {
            passages.add(new Passage(id + "#" + i, id, i, pieces.get(i)[0], pieces.get(i)[1]));
        }
        return passages;
    }

    private static void flush(List<String[]> paragraphs, String heading, StringBuilder paragraph) {
        if (paragraph.isEmpty()) {
            return;
        }
        String text = text(paragraph.toString());
        paragraph.setLength(0);
        if (!text.isBlank()) {
            paragraphs.add(new String[] {heading, text, "text"});
        }
    }

    /** A paragraph in pieces no longer than the passage size: at sentence ends, else hard. */
    static List<String> cut(String text) {
        int max = Articles.PASSAGE_CHARS;
        List<String> chunks = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int at = -1;
            for (int i = max - 1; i > max / 2; i--) {
                char c = rest.charAt(i);
                if ((c == '.' || c == '!' || c == '?' || c == '。' || c == '！' || c == '？' || c == '\n')
                        && (i + 1 >= rest.length() || Character.isWhitespace(rest.charAt(i + 1)) || c > 0x3000)) {
                    at = i + 1;
                    break;
                }
            }
            if (at < 0) {
                at = rest.lastIndexOf(' ', max);
                if (at <= max / 2) {
                    at = max;
                }
            }
            chunks.add(rest.substring(0, at).strip());
            rest = rest.substring(at).strip();
        }
        if (!rest.isEmpty()) {
            chunks.add(rest);
        }
        return chunks;
    }
}
