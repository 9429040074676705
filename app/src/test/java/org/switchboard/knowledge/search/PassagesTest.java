package org.switchboard.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PassagesTest {

    @Test
    void shortBodiesAreOnePassage() {
        assertThat(Passages.split("Restart the router.", 120)).containsExactly("Restart the router.");
        assertThat(Passages.split("  ", 120)).containsExactly("");
    }

    @Test
    void longBodiesAreCutAtParagraphsAndSentencesNearTheTargetLength() {
        String paragraph =
                "One two three four five six seven eight nine ten. ".repeat(5).strip();
        String body = paragraph + "\n\n" + paragraph + "\n\n" + paragraph;
        List<String> passages = Passages.split(body, 60);
        assertThat(passages).hasSize(3);
        assertThat(passages).allSatisfy(p -> assertThat(Passages.words(p)).isLessThanOrEqualTo(60));
        assertThat(String.join(" ", passages).replace("  ", " ")).contains("ten. One");
    }

    @Test
    void chineseCountsCharactersAsHalfWords() {
        assertThat(Passages.words("查询物流信息")).isEqualTo(3);
        List<String> passages = Passages.split("您可以在订单页面查询物流信息。".repeat(20), 40);
        assertThat(passages.size()).isGreaterThan(1);
    }
}
