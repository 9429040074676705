package org.switchboard.knowledge.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.switchboard.knowledge.ArticleArchived;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.ArticlePublished;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.Passage;
import org.switchboard.knowledge.PublishedArticle;

/**
 * Follows the articles: after a publication commits, the article's published content is copied into the
 * search projection and indexed (searchable at once); after an archive it is dropped. Modulith's event
 * publication registry redelivers events a crash interrupted, so the index doesn't miss changes.
 */
@Component
public class ArticleIndexer {

    private final Articles articles;
    private final SearchProjection projection;
    private final SearchIndexing indexing;

    ArticleIndexer(Articles articles, SearchProjection projection, SearchIndexing indexing) {
        this.articles = articles;
        this.projection = projection;
        this.indexing = indexing;
    }

    // Not an @ApplicationModuleListener: that would hold a database connection in a transaction while the
    // passages are embedded and indexed; each statement here commits on its own instead. The event
    // publication registry still tracks completion (redelivery after a crash).
    @Async(IndexingExecution.EXECUTOR)
    @TransactionalEventListener
    void on(ArticlePublished event) {
        sync(List.of(event.id()), false);
    }

    @Async(IndexingExecution.EXECUTOR)
    @TransactionalEventListener
    void on(ArticleArchived event) {
        sync(List.of(event.id()), false);
    }

    /**
     * Brings the index in line with the articles' current published state; returns once it is
     * searchable. Unless {@code force}, an article whose indexed content is unchanged is skipped.
     */
    public void sync(Collection<ArticleId> ids, boolean force) {
        List<SearchProjection.Row> rows = new ArrayList<>();
        for (ArticleId id : ids) {
            var published = articles.published(id);
            if (published.isPresent()) {
                IndexedArticle article = indexed(published.get());
                var current = projection.find(article.articleId());
                if (!force
                        && current.isPresent()
                        && current.get().published()
                        && current.get().article().equals(article)) {
                    continue; // already indexed as it is (e.g. the import indexed it before its event arrived)
                }
                rows.add(new SearchProjection.Row(article, true, projection.publish(article)));
            } else {
                projection
                        .archive(id.toString())
                        .ifPresent(seq -> rows.add(new SearchProjection.Row(placeholder(id), false, seq)));
            }
        }
        indexing.changed(rows);
    }

    static IndexedArticle indexed(PublishedArticle a) {
        List<String> passages = a.passages().stream().map(Passage::text).toList();
        return new IndexedArticle(
                a.id().toString(),
                a.externalId(),
                a.language().code(),
                a.audience().wire(),
                a.title(),
                a.text(),
                a.tags(),
                a.category() == null ? List.of() : List.of(a.category()),
                a.products(),
                passages);
    }

    private static IndexedArticle placeholder(ArticleId id) {
        return new IndexedArticle(
                id.toString(), null, "en", "agents", "", "", List.of(), List.of(), List.of(), List.of());
    }
}
