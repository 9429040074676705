package org.switchboard.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.knowledge.KnowledgeHit;

/** The index on its own (lexical only): filters that may be left out, the phrase bonus, rebuild adds. */
class KnowledgeIndexTest {

    @TempDir
    Path dir;

    private KnowledgeIndex index;

    @BeforeEach
    void open() {
        index = new KnowledgeIndex(dir, new SentenceEmbeddings(false), SearchProperties.defaults(dir, false));
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    private static IndexedArticle article(String id, String language, String audience, String title, String body) {
        return new IndexedArticle(id, id, language, audience, title, body, List.of(), List.of(), List.of(), List.of());
    }

    private List<String> search(String text, String language, Set<String> audiences) {
        return index
                .search(new KnowledgeIndex.Request(text, List.of(language), true, audiences, List.of(), List.of(), 10))
                .stream()
                .map(KnowledgeHit::externalId)
                .toList();
    }

    @Test
    void audienceAndLanguageFiltersHoldWhetherOrNotTheyExcludeAnything() {
        index.addNew(List.of(
                article("c", "en", "customers", "Printer jams", "Open the tray and remove the paper."),
                article("a", "en", "agents", "Printer jams internally", "Escalate paper jams to the vendor."),
                article("f", "fr", "customers", "Bourrage papier", "Ouvrez le bac et retirez le paper.")));
        index.refresh();

        assertThat(search("paper jams", "en", Set.of("customers"))).containsExactly("c");
        assertThat(search("paper jams", "en", Set.of("agents"))).containsExactly("a");
        // Every audience asked for: the audience filter excludes nothing, the language filter still does.
        assertThat(search("paper jams", "en", Set.of("customers", "agents", "partners")))
                .containsExactlyInAnyOrder("c", "a");

        // An article moved to another audience: its old passages are deleted but still counted by Lucene.
        index.upsert(List.of(article("a", "en", "customers", "Printer jams internally", "Escalate paper jams.")));
        index.refresh();
        assertThat(search("paper jams", "en", Set.of("agents"))).isEmpty();
        assertThat(search("paper jams", "en", Set.of("customers"))).containsExactlyInAnyOrder("c", "a");
    }

    @Test
    void theQueryWordsInOrderRankFirst() {
        index.addNew(List.of(
                article("apart", "en", "customers", "Account", "Reset the router, then choose a new password."),
                article("together", "en", "customers", "Account", "Then choose a new router: reset password.")));
        index.refresh();

        assertThat(search("reset password", "en", Set.of())).first().isEqualTo("together");
    }

    @Test
    void aSecondWriterOnTheSameDirectoryWorksOnAPrivateIndexThatIsDeletedOnClose() throws Exception {
        var second = new KnowledgeIndex(dir, new SentenceEmbeddings(false), SearchProperties.defaults(dir, false));
        Path own = second.privateDir();
        assertThat(own).isNotNull().isDirectory().isNotEqualTo(dir);
        second.upsert(List.of(article("private", "en", "customers", "Printer setup", "Connect the printer.")));
        second.commit(1);
        second.close();
        assertThat(own).doesNotExist();
        assertThat(index.privateDir()).isNull();
        assertThat(dir).isDirectory();
    }

    @Test
    void aPrivateIndexNoWriterHoldsIsDeletedWhenTheNextOneIsCreated() throws Exception {
        Path shared = dir.resolve("data").resolve("knowledge-index");
        var owner = open(shared);
        var live = open(shared); // a second writer: works on a private index beside the shared one
        Path stale = java.nio.file.Files.createDirectory(shared.resolveSibling("knowledge-index.private-stale"));
        java.nio.file.Files.writeString(stale.resolve("_0.cfs"), "left by a killed process");
        var next = open(shared);
        try {
            assertThat(stale).doesNotExist();
            assertThat(live.privateDir()).as("held by a live writer").isDirectory();
            assertThat(next.privateDir())
                    .isDirectory()
                    .hasParent(shared.toAbsolutePath().getParent());
            assertThat(owner.privateDir()).isNull();
        } finally {
            next.close();
            live.close();
            owner.close();
        }
        try (var left = java.nio.file.Files.list(shared.getParent())) {
            assertThat(left).containsExactly(shared);
        }
    }

    private static KnowledgeIndex open(Path path) {
        return new KnowledgeIndex(path, new SentenceEmbeddings(false), SearchProperties.defaults(path, false));
    }
}
