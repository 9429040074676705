package org.switchboard.knowledge.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
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

    @ApplicationModuleListener
    void on(ArticlePublished event) {
        sync(List.of(event.id()));
    }

    @ApplicationModuleListener
    void on(ArticleArchived event) {
        sync(List.of(event.id()));
    }

    /** Brings the index in line with the articles' current published state. */
    public void sync(Collection<ArticleId> ids) {
        List<SearchProjection.Row> rows = new ArrayList<>();
        for (ArticleId id : ids) {
            var published = articles.published(id);
            if (published.isPresent()) {
                IndexedArticle article = indexed(published.get());
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
