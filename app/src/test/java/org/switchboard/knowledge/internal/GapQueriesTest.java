package org.switchboard.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GapQueriesTest {

    @Test
    void caseSpacesAndPunctuationDoNotSplitAGroup() {
        assertThat(GapQueries.normalize("  Reset   PASSWORD?! ")).isEqualTo("reset password");
        assertThat(GapQueries.normalize("reset password")).isEqualTo("reset password");
    }

    @Test
    void fullWidthFormsFoldAndWordOrderIsKept() {
        assertThat(GapQueries.normalize("ＷＩＦＩ　密码？")).isEqualTo("wifi 密码");
        assertThat(GapQueries.normalize("password reset")).isNotEqualTo(GapQueries.normalize("reset password"));
    }

    @Test
    void onlyPunctuationIsEmptyAndLongQueriesAreCut() {
        assertThat(GapQueries.normalize("?!…")).isEmpty();
        assertThat(GapQueries.normalize("word ".repeat(100))).hasSizeLessThanOrEqualTo(200);
    }
}
