package org.switchboard.knowledge.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A readable diff (longest common subsequence) between two texts, for the version history: line by
 * line, and within a changed line paired with its replacement, word by word (each CJK character counts
 * as a word, since those scripts have no spaces). Bodies are at most a few thousand lines, so the
 * quadratic table is fine; beyond {@link #MAX_CELLS} cells the diff falls back to "everything removed,
 * everything added" rather than using unbounded memory.
 */
public final class LineDiff {

    static final long MAX_CELLS = 4_000_000;

    /**
     * One line of the diff. {@code kind}: {@code same}, {@code added} or {@code removed}; {@code words}
     * marks what changed inside a removed line and the added line that replaced it (empty otherwise).
     */
    public record Line(String kind, String text, List<Word> words) {}

    /** A run of a changed line: {@code same}, {@code added} (in an added line) or {@code removed}. */
    public record Word(String kind, String text) {}

    private LineDiff() {}

    public static List<Line> between(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        List<String[]> ops = lcs(a, b); // {kind, text}
        List<Line> out = new ArrayList<>();
        int i = 0;
        while (i < ops.size()) {
            if (!ops.get(i)[0].equals("removed")) {
                out.add(new Line(ops.get(i)[0], ops.get(i)[1], List.of()));
                i++;
                continue;
            }
            int removedStart = i;
            while (i < ops.size() && ops.get(i)[0].equals("removed")) {
                i++;
            }
            int addedStart = i;
            while (i < ops.size() && ops.get(i)[0].equals("added")) {
                i++;
            }
            int removed = addedStart - removedStart;
            int added = i - addedStart;
            List<Line> removedLines = new ArrayList<>();
            List<Line> addedLines = new ArrayList<>();
            for (int k = 0; k < Math.max(removed, added); k++) {
                String old = k < removed ? ops.get(removedStart + k)[1] : null;
                String neu = k < added ? ops.get(addedStart + k)[1] : null;
                if (old != null && neu != null) {
                    List<String[]> words = lcs(tokens(old), tokens(neu));
                    removedLines.add(new Line("removed", old, words(words, "added")));
                    addedLines.add(new Line("added", neu, words(words, "removed")));
                } else if (old != null) {
                    removedLines.add(new Line("removed", old, List.of()));
                } else {
                    addedLines.add(new Line("added", neu, List.of()));
                }
            }
            out.addAll(removedLines);
            out.addAll(addedLines);
        }
        return out;
    }

    /** The word runs of one side: the other side's words left out, neighbours of a kind merged. */
    private static List<Word> words(List<String[]> ops, String otherSide) {
        List<Word> words = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        String kind = null;
        for (String[] op : ops) {
            if (op[0].equals(otherSide)) {
                continue;
            }
            if (!op[0].equals(kind) && kind != null) {
                words.add(new Word(kind, run.toString()));
                run.setLength(0);
            }
            kind = op[0];
            run.append(op[1]);
        }
        if (kind != null) {
            words.add(new Word(kind, run.toString()));
        }
        return words;
    }

    /** Runs of letters and digits, single CJK characters, and single other characters (spaces included). */
    static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            int cp = line.codePointAt(i);
            int start = i;
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) && !Character.isIdeographic(cp)) {
                while (i < line.length()) {
                    int next = line.codePointAt(i);
                    if (!Character.isLetterOrDigit(next) || Character.isIdeographic(next)) {
                        break;
                    }
                    i += Character.charCount(next);
                }
            }
            tokens.add(line.substring(start, i));
        }
        return tokens;
    }

    private static List<String[]> lcs(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        List<String[]> out = new ArrayList<>();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            a.forEach(line -> out.add(new String[] {"removed", line}));
            b.forEach(line -> out.add(new String[] {"added", line}));
            return out;
        }
        int[][] table = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                table[i][j] = a.get(i).equals(b.get(j))
                        ? table[i + 1][j + 1] + 1
                        : Math.max(table[i + 1][j], table[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new String[] {"same", a.get(i)});
                i++;
                j++;
            } else if (table[i + 1][j] >= table[i][j + 1]) {
                out.add(new String[] {"removed", a.get(i++)});
            } else {
                out.add(new String[] {"added", b.get(j++)});
            }
        }
        while (i < n) {
            out.add(new String[] {"removed", a.get(i++)});
        }
        while (j < m) {
            out.add(new String[] {"added", b.get(j++)});
        }
        return out;
    }
}
