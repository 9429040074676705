package org.switchboard.knowledge.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The key the knowledge-gaps report groups searches by: Unicode NFKC (full-width and compatibility forms
 * folded), lower case, punctuation and symbols turned into spaces, runs of spaces collapsed, trimmed, at
 * most 200 characters. "Reset password?" and "reset  PASSWORD" are one group; word order is kept, so
 * "password reset" is another.
 */
public final class GapQueries {

    static final int MAX = 200;
    private static final Pattern NOISE = Pattern.compile("[\\p{P}\\p{S}\\p{Cc}]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private GapQueries() {}

    public static String normalize(String query) {
        String text = Normalizer.normalize(query, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        text = NOISE.matcher(text).replaceAll(" ");
        text = SPACES.matcher(text).replaceAll(" ").strip();
        return text.length() > MAX ? text.substring(0, MAX).strip() : text;
    }
}
