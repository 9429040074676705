package org.switchboard.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.Passage;

class MarkdownTextTest {

    static final ArticleId ID = new ArticleId(UUID.fromString("0190f000-0000-7000-8000-000000000001"));

    @Test
    void markdownBecomesHtmlWithoutScriptsOrHandlers() {
        String html = MarkdownText.html("""
                # Title

                Some **bold** and a [link](https://example.com).

                <script>alert(1)</script><img src="x" onerror="alert(2)">

                [bad](javascript:alert(3))
                """);

        assertThat(html).contains("<h1>Title</h1>").contains("<strong>bold</strong>");
        assertThat(html)
                .contains("href=\"https://example.com\"")
                .contains("nofollow")
                .contains("noopener");
        assertThat(html).doesNotContain("<script").doesNotContain("onerror").doesNotContain("javascript:");
    }

    @Test
    void tablesSurvive() {
        assertThat(MarkdownText.html("| a | b |\n|---|---|\n| 1 | 2 |"))
                .contains("<table>")
                .contains("<td>1</td>");
    }

    @Test
    void plainTextDropsTheMarkup() {
        assertThat(MarkdownText.text("## Step\n\nPress **OK**."))
                .contains("Step")
                .contains("Press OK.");
    }

    @Test
    void headingsStartPassagesAndEveryPassageCarriesItsHeading() {
        var passages = MarkdownText.passages(ID, "Router", """
                Intro paragraph.

                ## Lights

                Blinking means no signal.

                ## Reset

                Hold the button for ten seconds.
                """);

        assertThat(passages).extracting(Passage::heading).containsExactly("Router", "Lights", "Reset");
        assertThat(passages)
                .extracting(Passage::text)
                .containsExactly("Intro paragraph.", "Blinking means no signal.", "Hold the button for ten seconds.");
        assertThat(passages).extracting(Passage::passageId).containsExactly(ID + "#0", ID + "#1", ID + "#2");
    }

    @Test
    void longTextIsCutIntoPassagesNoLongerThanTheLimitWithoutLosingWords() {
        var sentence = "The quick brown fox jumps over the lazy dog. ";
        var body = sentence.repeat(200);

        var passages = MarkdownText.passages(ID, "Fox", body);

        assertThat(passages.size()).isGreaterThan(5);
        assertThat(passages).allSatisfy(p -> assertThat(p.text().length()).isLessThanOrEqualTo(Articles.PASSAGE_CHARS));
        String joined = String.join(" ", passages.stream().map(Passage::text).toList());
        assertThat(joined.split("fox", -1).length - 1).isEqualTo(200);
    }

    @Test
    void chineseTextWithoutSpacesIsCutAtSentenceEnds() {
        var body = "打印机无法连接网络，请检查网线。".repeat(200);

        var passages = MarkdownText.passages(ID, "打印机", body);

        assertThat(passages.size()).isGreaterThan(1);
        assertThat(passages).allSatisfy(p -> {
            assertThat(p.text().length()).isLessThanOrEqualTo(Articles.PASSAGE_CHARS);
            assertThat(p.text()).endsWith("。");
        });
    }

    @Test
    void anEmptyBodyGivesOnePassageWithTheTitle() {
        assertThat(MarkdownText.passages(ID, "Only a title", ""))
                .singleElement()
                .extracting(Passage::text)
                .isEqualTo("Only a title");
    }
}
