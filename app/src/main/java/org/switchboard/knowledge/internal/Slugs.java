package org.switchboard.knowledge.internal;

import java.text.Normalizer;
import java.util.Locale;

/**
 * URL slugs from titles: lower case, letters and digits of any script kept (a Russian or Chinese title
 * keeps its words), everything else a single hyphen, at most 80 characters.
 */
public final class Slugs {

    static final int MAX = 80;

    private Slugs() {}

    public static String of(String title) {
        String normalized = Normalizer.normalize(title, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        var slug = new StringBuilder();
        boolean hyphen = false;
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (hyphen && !slug.isEmpty()) {
                    slug.append('-');
                }
                hyphen = false;
                if (slug.length() + Character.charCount(cp) > MAX) {
                    break;
                }
                slug.appendCodePoint(cp);
            } else {
                hyphen = true;
            }
        }
        return slug.isEmpty() ? "article" : slug.toString();
    }
}
