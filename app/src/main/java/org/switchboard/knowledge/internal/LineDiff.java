package org.switchboard.knowledge.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A readable line diff (longest common subsequence) between two texts, for the version history. Bodies
 * are at most a few thousand lines, so the quadratic table is fine; beyond {@link #MAX_CELLS} cells the
 * diff falls back to "everything removed, everything added" rather than using unbounded memory.
 */
public final class LineDiff {

    static final long MAX_CELLS = 4_000_000;

    /** One line of the diff. {@code kind}: {@code same}, {@code added} or {@code removed}. */
    public record Line(String kind, String text) {}

    private LineDiff() {}

    public static List<Line> between(String before, String after) {
        List<String> a = before.lines().toList();
        List<String> b = after.lines().toList();
        int n = a.size();
        int m = b.size();
        List<Line> out = new ArrayList<>();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            a.forEach(line -> out.add(new Line("removed", line)));
            b.forEach(line -> out.add(new Line("added", line)));
            return out;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n && j < m) {
            if (a.get(i).equals(b.get(j))) {
                out.add(new Line("same", a.get(i)));
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new Line("removed", a.get(i++)));
            } else {
                out.add(new Line("added", b.get(j++)));
            }
        }
        while (i < n) {
            out.add(new Line("removed", a.get(i++)));
        }
        while (j < m) {
            out.add(new Line("added", b.get(j++)));
        }
        return out;
    }
}
