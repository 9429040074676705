package org.switchboard.knowledge.search;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.switchboard.platform.FieldProblem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports articles from JSON Lines, one article per line, published on import. Each line succeeds or
 * fails on its own: a bad line is reported and skipped, the good ones are imported. An article is
 * written in one statement, so a failure never leaves half of it behind. The same {@code externalId}
 * again replaces the article.
 */
@Service
public class BulkImport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SearchProjection projection;
    private final SearchIndexing indexing;

    BulkImport(SearchProjection projection, SearchIndexing indexing) {
        this.projection = projection;
        this.indexing = indexing;
    }

    /** The outcome of one line: {@code created}, {@code updated} or {@code error} with its problems. */
    public record LineResult(
            int line,
            @Nullable String externalId,
            @Nullable String articleId,
            String status,
            List<FieldProblem> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public List<LineResult> importLines(String ndjson) {
        List<LineResult> results = new ArrayList<>();
        List<SearchProjection.Row> changed = new ArrayList<>();
        String[] lines = ndjson.split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            List<FieldProblem> problems = new ArrayList<>();
            ImportedArticle parsed = parse(lines[i], problems);
            if (parsed == null || !problems.isEmpty()) {
                results.add(new LineResult(
                        lineNumber, parsed == null ? null : parsed.externalId(), null, "error", problems));
                continue;
            }
            var existing = projection.articleIdOf(parsed.externalId());
            String articleId = existing.orElseGet(() -> UUID.randomUUID().toString());
            var article = new IndexedArticle(
                    articleId,
                    parsed.externalId(),
                    parsed.language(),
                    parsed.audience(),
                    parsed.title(),
                    parsed.body(),
                    parsed.tags(),
                    List.of(),
                    List.of());
            long seq = projection.publish(article);
            changed.add(new SearchProjection.Row(article, true, seq));
            results.add(new LineResult(
                    lineNumber,
                    parsed.externalId(),
                    articleId,
                    existing.isPresent() ? "updated" : "created",
                    List.of()));
        }
        // Searchable as soon as the request answers.
        indexing.changed(changed);
        return results;
    }

    /** One line as read. */
    record ImportedArticle(
            String externalId, String title, String body, String language, String audience, List<String> tags) {}

    private static @Nullable ImportedArticle parse(String line, List<FieldProblem> problems) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            problems.add(new FieldProblem("line", "is not a JSON object"));
            return null;
        }
        if (node == null || !node.isObject()) {
            problems.add(new FieldProblem("line", "is not a JSON object"));
            return null;
        }
        String externalId = text(node, "externalId", problems);
        String title = text(node, "title", problems);
        String body = text(node, "body", problems);
        String language = text(node, "language", problems);
        String audience = text(node, "audience", problems);
        if (externalId == null || externalId.isBlank()) {
            problems.add(new FieldProblem("externalId", "is required"));
        } else if (externalId.length() > 200) {
            problems.add(new FieldProblem("externalId", "must be at most 200 characters"));
        }
        if ((title == null || title.isBlank()) && (body == null || body.isBlank())) {
            problems.add(new FieldProblem("title", "a title or a body is required"));
        }
        if (language == null || language.isBlank()) {
            problems.add(new FieldProblem("language", "is required"));
        } else if (!KnowledgeSearchService.validLanguage(language)) {
            problems.add(new FieldProblem("language", "must be an ISO 639-1 language code such as en, fr, ru or zh"));
        }
        if (audience == null) {
            audience = "agents";
        } else if (!org.switchboard.knowledge.KnowledgeQuery.Audiences.valid(audience)) {
            problems.add(new FieldProblem("audience", "must be agents, customers or partners"));
        }
        List<String> tags = new ArrayList<>();
        JsonNode tagsNode = node.get("tags");
        if (tagsNode != null && !tagsNode.isNull()) {
            if (!tagsNode.isArray()) {
                problems.add(new FieldProblem("tags", "must be an array of strings"));
            } else {
                for (JsonNode tag : tagsNode) {
                    if (tag.isString() && !tag.asString().isBlank()) {
                        tags.add(tag.asString().strip());
                    } else {
                        problems.add(new FieldProblem("tags", "must be an array of strings"));
                        break;
                    }
                }
            }
        }
        return new ImportedArticle(
                externalId == null ? null : externalId.strip(),
                title == null ? "" : title.strip(),
                body == null ? "" : body.strip(),
                language,
                audience,
                tags);
    }

    private static @Nullable String text(JsonNode node, String field, List<FieldProblem> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            problems.add(new FieldProblem(field, "must be a string"));
            return null;
        }
        return value.asString();
    }
}
