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
    void aReplacedLineShowsWhichWordsChanged() {
        var diff = LineDiff.between("Restart the printer now", "Restart the router now");

        assertThat(diff.get(0).words())
                .extracting(w -> w.kind() + ":" + w.text())
                .containsExactly("same:Restart the ", "removed:printer", "same: now");
        assertThat(diff.get(1).words())
                .extracting(w -> w.kind() + ":" + w.text())
                .containsExactly("same:Restart the ", "added:router", "same: now");
    }

    @Test
    void chineseIsComparedCharacterByCharacter() {
        var diff = LineDiff.between("重启打印机", "重启路由器");

        assertThat(diff.get(1).words())
                .extracting(w -> w.kind() + ":" + w.text())
                .containsExactly("same:重启", "added:路由器");
    }

    @Test
    void identicalTextsAreAllSame() {
        assertThat(LineDiff.between("x\ny", "x\ny")).allMatch(l -> l.kind().equals("same"));
    }
}
