package org.switchboard.knowledge.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an article's body into passages of about {@code targetWords} words for retrieval, at
 * paragraph and then sentence boundaries, so that a hit can point at the part of a long document that
 * answers. Chinese and Japanese text (no spaces) count characters / 2 as words.
 */
public final class Passages {

    private Passages() {}

    public static List<String> split(String body, int targetWords) {
        List<String> passages = new ArrayList<>();
        String text = body.strip();
        if (text.isEmpty()) {
            return List.of("");
        }
        StringBuilder current = new StringBuilder();
        int words = 0;
        for (String unit : units(text)) {
            int unitWords = words(unit);
            if (words > 0 && words + unitWords > targetWords) {
                passages.add(current.toString().strip());
                current.setLength(0);
                words = 0;
            }
            if (!current.isEmpty()) {
                current.append(unit.startsWith("\n") ? "" : " ");
            }
            current.append(unit.strip());
            words += unitWords;
        }
        if (!current.toString().isBlank()) {
            passages.add(current.toString().strip());
        }
        return passages;
    }

    /** Paragraphs, with paragraphs longer than a passage cut into sentences. */
    private static List<String> units(String text) {
        List<String> units = new ArrayList<>();
        for (String paragraph : text.split("\\n\\s*\\n")) {
            if (paragraph.isBlank()) {
                continue;
            }
            for (String sentence : paragraph.split("(?<=[.!?。！？])\\s+|(?<=[。！？])")) {
                if (!sentence.isBlank()) {
                    units.add(sentence);
                }
            }
        }
        return units;
    }

    static int words(String text) {
        int words = 0;
        int cjk = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
                cjk++;
                inWord = false;
            } else if (Character.isLetterOrDigit(c)) {
                if (!inWord) {
                    words++;
                }
                inWord = true;
            } else {
                inWord = false;
            }
        }
        return words + cjk / 2;
    }
}
