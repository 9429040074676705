package org.switchboard.knowledge;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Searching the published knowledge base: one ranking for every channel (help center, agent desktop,
 * suggestions on a case). Lexical (Lucene BM25 with per-language analysis) fused with sentence
 * embeddings where a model exists for the language.
 */
public interface KnowledgeSearch {

    /**
     * The best articles for a query, best first; each article once, with its best passage as snippet.
     *
     * @throws org.switchboard.platform.InvalidInputException for an empty or too long query or an invalid
     *     language code
     */
    List<KnowledgeHit> search(KnowledgeQuery query);

    /** Completions of what a reader is typing (titles and frequent terms), best first. */
    List<String> suggestions(String prefix, @Nullable String language, KnowledgeQuery.Audiences audiences, int limit);

    /** Counts a click on a search result (which feeds the knowledge use figures). */
    void recordClick(String articleId, @Nullable String passageId, @Nullable String query);
}
