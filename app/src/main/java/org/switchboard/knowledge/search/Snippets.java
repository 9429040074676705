package org.switchboard.knowledge.search;

import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;

/**
 * The snippet of a hit: the window of a passage with the most query terms, HTML-escaped, matched words
 * wrapped in {@code <mark>}.
 */
final class Snippets {

    static final int LENGTH = 240;

    private Snippets() {}

    static String highlight(Analyzer analyzer, String text, Set<String> queryTerms) {
        List<Tokens.Span> spans = Tokens.spans(analyzer, "", text);
        List<Tokens.Span> matches =
                spans.stream().filter(s -> queryTerms.contains(s.term())).toList();
        int start = 0;
        if (!matches.isEmpty() && text.length() > LENGTH) {
            // The window starting at the match that has the most other matches within LENGTH characters.
            int best = 0;
            for (int i = 0; i < matches.size(); i++) {
                int count = 0;
                for (int j = i;
                        j < matches.size()
                                && matches.get(j).end() - matches.get(i).start() <= LENGTH;
                        j++) {
                    count++;
                }
                if (count > best) {
                    best = count;
                    start = matches.get(i).start();
                }
            }
            start = Math.max(0, Math.min(start - 40, text.length() - LENGTH));
            // Start at a word boundary.
            while (start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))) {
                start--;
            }
        }
        int end = Math.min(text.length(), start + LENGTH);
        while (end < text.length() && end > start && Character.isLetterOrDigit(text.charAt(end))) {
            end++;
            if (end - start > LENGTH + 30) {
                break;
            }
        }
        StringBuilder out = new StringBuilder();
        if (start > 0) {
            out.append("… ");
        }
        int at = start;
        for (Tokens.Span match : matches) {
            if (match.start() < start || match.end() > end) {
                continue;
            }
            out.append(escape(text.substring(at, match.start())));
            out.append("<mark>")
                    .append(escape(text.substring(match.start(), match.end())))
                    .append("</mark>");
            at = match.end();
        }
        out.append(escape(text.substring(at, end)));
        if (end < text.length()) {
            out.append(" …");
        }
        return out.toString();
    }

    /** Escapes only what HTML needs (accented letters stay as they are). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
