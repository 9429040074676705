package org.switchboard.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {

    @Test
    void unchangedLinesStayAndChangedOnesAreRemovedThenAdded() {
        var diff = LineDiff.between("a\nb\nc", "a\nB\nc\nd");

        assertThat(diff)
                .extracting(l -> l.kind() + ":" + l.text())
                .containsExactly("same:a", "removed:b", "added:B", "same:c", "added:d");
    }

    @Test
    void identicalTextsAreAllSame() {
        assertThat(LineDiff.between("x\ny", "x\ny")).allMatch(l -> l.kind().equals("same"));
    }
}
