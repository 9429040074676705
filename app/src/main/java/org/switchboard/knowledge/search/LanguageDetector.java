package org.switchboard.knowledge.search;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses the language of a query or an article from its script and, for the Latin script, from its
 * most frequent function words. Deliberately small and deterministic (no model, no dependency): search
 * only needs to choose an analyzer, and when a short Latin-script query has no function word the caller
 * searches all Latin-script analyses instead of guessing.
 */
public final class LanguageDetector {

    // Digits belong to the word: the letters of a code or model number ("x5de", "0x80070da5") are not
    // function words.
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+");

    private static final Map<String, Set<String>> FUNCTION_WORDS = Map.of(
            "en",
                    Set.of(
                            "the", "and", "is", "are", "to", "of", "in", "how", "what", "my", "i", "do", "can", "you",
                            "it", "for", "on", "with", "not", "does", "this", "that", "why", "where", "when", "was",
                            "be", "an", "a", "there", "which", "who", "from", "by", "have", "has"),
            "fr",
                    Set.of(
                            "le",
                            "la",
                            "les",
                            "des",
                            "est",
                            "et",
                            "un",
                            "une",
                            "du",
                            "je",
                            "mon",
                            "ma",
                            "mes",
                            "pas",
                            "ne",
                            "pour",
                            "que",
                            "qui",
                            "dans",
                            "sur",
                            "avec",
                            "comment",
                            "vous",
                            "nous",
                            "il",
                            "elle",
                            "au",
                            "aux",
                            "ce",
                            "cette",
                            "quoi",
                            "pourquoi",
                            "où",
                            "ai",
                            "suis",
                            "plus"),
            "de",
                    Set.of(
                            "der", "die", "das", "und", "ist", "nicht", "ich", "ein", "eine", "mit", "wie", "mein",
                            "meine", "zu", "den", "dem", "auf", "für", "warum", "kann", "sich", "auch", "wird"),
            "es",
                    Set.of(
                            "el", "los", "las", "es", "y", "una", "uno", "del", "mi", "por", "con", "cómo", "como",
                            "qué", "que", "para", "se", "no", "está", "puedo", "al", "lo", "su"),
            "it",
                    Set.of(
                            "il", "gli", "è", "di", "che", "non", "per", "una", "mio", "mia", "come", "sono", "con",
                            "della", "del", "perché", "posso", "anche", "questo"),
            "pt",
                    Set.of(
                            "o", "os", "as", "é", "não", "uma", "um", "do", "da", "meu", "minha", "como", "para", "com",
                            "que", "por", "posso", "está", "isso", "em"),
            "nl",
                    Set.of(
                            "de", "het", "een", "en", "is", "niet", "ik", "mijn", "van", "hoe", "wat", "met", "voor",
                            "op", "kan", "dat", "zijn", "er"));

    private LanguageDetector() {}

    /**
     * The languages to analyse {@code text} with, most likely first: one code when the script or the
     * function words decide; every Latin-script language when the text is Latin without evidence; empty
     * when nothing is recognisable (the caller then uses the generic analysis).
     */
    public static List<String> candidates(String text) {
        int han = 0, kana = 0, hangul = 0, cyrillic = 0, latin = 0, greek = 0, arabic = 0, hebrew = 0, thai = 0;
        boolean ukrainian = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            switch (script) {
                case HAN -> han++;
                case HIRAGANA, KATAKANA -> kana++;
                case HANGUL -> hangul++;
                case CYRILLIC -> {
                    cyrillic++;
                    if (c == 'і' || c == 'ї' || c == 'є' || c == 'ґ') {
                        ukrainian = true;
                    }
                }
                case LATIN -> latin++;
                case GREEK -> greek++;
                case ARABIC -> arabic++;
                case HEBREW -> hebrew++;
                case THAI -> thai++;
                default -> {}
            }
        }
        if (kana > 0) {
            return List.of("ja");
        }
        if (hangul > 0 && hangul >= han) {
            return List.of("ko");
        }
        // Chinese has no spaces: a few Han characters outweigh many Latin letters (product names).
        if (han > 0 && han * 3 >= latin) {
            return List.of("zh");
        }
        if (cyrillic > 0 && cyrillic >= latin) {
            return List.of(ukrainian ? "uk" : "ru");
        }
        int max = Math.max(Math.max(greek, arabic), Math.max(hebrew, thai));
        if (max > latin) {
            if (max == greek) return List.of("el");
            if (max == arabic) return List.of("ar");
            if (max == hebrew) return List.of("he");
            return List.of("th");
        }
        if (latin == 0) {
            return List.of();
        }
        return latinCandidates(text);
    }

    /** The single most likely language, or {@code null} when the evidence does not decide. */
    public static String detect(String text) {
        List<String> candidates = candidates(text);
        return candidates.size() == 1 ? candidates.getFirst() : null;
    }

    private static List<String> latinCandidates(String text) {
        var matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
        Map<String, Integer> hits = new java.util.HashMap<>();
        while (matcher.find()) {
            String word = matcher.group();
            for (var entry : FUNCTION_WORDS.entrySet()) {
                if (entry.getValue().contains(word)) {
                    hits.merge(entry.getKey(), 1, Integer::sum);
                }
            }
        }
        String best = null;
        int bestCount = 0;
        int second = 0;
        for (var entry : hits.entrySet()) {
            if (entry.getValue() > bestCount) {
                second = bestCount;
                bestCount = entry.getValue();
                best = entry.getKey();
            } else if (entry.getValue() > second) {
                second = entry.getValue();
            }
        }
        if (best != null && bestCount > second) {
            return List.of(best);
        }
        // No decisive function word (a short query like "reset password"): English first, then the rest.
        var all = new java.util.ArrayList<String>();
        all.add("en");
        LanguageAnalyzers.LATIN.stream().filter(l -> !l.equals("en")).sorted().forEach(all::add);
        return List.copyOf(all);
    }
}
