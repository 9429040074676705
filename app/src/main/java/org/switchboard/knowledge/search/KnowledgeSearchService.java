package org.switchboard.knowledge.search;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.switchboard.knowledge.KnowledgeHit;
import org.switchboard.knowledge.KnowledgeQuery;
import org.switchboard.knowledge.KnowledgeSearch;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;

/** The one knowledge ranking, used by the API, the help center and the agent desktop alike. */
@Service
class KnowledgeSearchService implements KnowledgeSearch {

    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

    private final SearchIndexing indexing;
    private final JdbcClient jdbc;

    KnowledgeSearchService(SearchIndexing indexing, JdbcClient jdbc) {
        this.indexing = indexing;
        this.jdbc = jdbc;
    }

    @Override
    public List<KnowledgeHit> search(KnowledgeQuery query) {
        List<FieldProblem> problems = new ArrayList<>();
        String text = query.text() == null ? "" : query.text().strip();
        if (text.isEmpty()) {
            problems.add(new FieldProblem("q", "must not be empty"));
        } else if (text.length() > KnowledgeQuery.MAX_LENGTH) {
            problems.add(new FieldProblem("q", "must be at most " + KnowledgeQuery.MAX_LENGTH + " characters"));
        }
        checkLanguage(query.language(), problems);
        if (query.limit() < 1 || query.limit() > KnowledgeQuery.MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be between 1 and " + KnowledgeQuery.MAX_LIMIT));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String language = query.language();
        boolean given = language != null;
        List<String> languages = given ? List.of(language) : LanguageDetector.candidates(text);
        return indexing.index()
                .search(new KnowledgeIndex.Request(
                        text,
                        languages,
                        given,
                        query.audiences().names(),
                        query.categories(),
                        query.products(),
                        query.limit()));
    }

    @Override
    public List<String> suggestions(
            String prefix, @Nullable String language, KnowledgeQuery.Audiences audiences, int limit) {
        List<FieldProblem> problems = new ArrayList<>();
        String text = prefix == null ? "" : prefix.strip();
        if (text.isEmpty()) {
            problems.add(new FieldProblem("q", "must not be empty"));
        } else if (text.length() > KnowledgeQuery.MAX_LENGTH) {
            problems.add(new FieldProblem("q", "must be at most " + KnowledgeQuery.MAX_LENGTH + " characters"));
        }
        checkLanguage(language, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<String> languages = language != null ? List.of(language) : LanguageDetector.candidates(text);
        return indexing.index().suggest(text, languages, audiences.names(), Math.clamp(limit, 1, 20));
    }

    @Override
    public void recordClick(String articleId, @Nullable String passageId, @Nullable String query) {
        recordClick(articleId, passageId, query, null);
    }

    void recordClick(String articleId, @Nullable String passageId, @Nullable String query, @Nullable String userId) {
        jdbc.sql("""
                        insert into knowledge_search_click (article_id, passage_id, query, user_id, clicked_at)
                        values (?, ?, ?, ?, ?)""")
                .params(articleId, passageId, query, userId, Timestamp.from(Instant.now()))
                .update();
    }

    long clicks(String articleId) {
        return jdbc.sql("select count(*) from knowledge_search_click where article_id = ?")
                .param(articleId)
                .query(Long.class)
                .single();
    }

    /** An ISO 639-1 code (two lower-case letters Java knows), or absent. */
    static void checkLanguage(@Nullable String language, List<FieldProblem> problems) {
        if (language != null && !ISO_639_1.contains(language)) {
            problems.add(new FieldProblem("lang", "must be an ISO 639-1 language code such as en, fr, ru or zh"));
        }
    }

    static boolean validLanguage(String language) {
        return ISO_639_1.contains(language);
    }
}
