package org.switchboard.knowledge.search;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.switchboard.identity.Actor;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.Audience;
import org.switchboard.knowledge.ImportResult;
import org.switchboard.knowledge.ImportedArticle;
import org.switchboard.knowledge.Language;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RuleViolationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports articles from JSON Lines, one article per line, published on import through {@link
 * Articles#importArticle}. Each line succeeds or fails on its own: a bad line is reported and skipped,
 * the good ones are imported. Each article is written in its own transaction, so a failure never leaves
 * half of it behind. The same {@code externalId} again updates the article. A missing audience is
 * {@code agents} (internal until someone decides).
 */
@Service
public class BulkImport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Articles articles;
    private final ArticleIndexer indexer;

    BulkImport(Articles articles, ArticleIndexer indexer) {
        this.articles = articles;
        this.indexer = indexer;
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

    public List<LineResult> importLines(String ndjson, @Nullable Actor actor) {
        List<LineResult> results = new ArrayList<>();
        List<ArticleId> imported = new ArrayList<>();
        String[] lines = ndjson.split("\\r?\\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            List<FieldProblem> problems = new ArrayList<>();
            ImportedLine parsed = parse(lines[i], problems);
            if (parsed == null || !problems.isEmpty()) {
                results.add(new LineResult(
                        lineNumber, parsed == null ? null : parsed.externalId(), null, "error", problems));
                continue;
            }
            try {
                // One transaction per article (in Articles): a failing line leaves nothing behind.
                ImportResult result = articles.importArticle(
                        new ImportedArticle(
                                parsed.externalId(),
                                parsed.title().isBlank() ? null : parsed.title(),
                                parsed.body().isBlank() ? null : parsed.body(),
                                Language.of(parsed.language()),
                                parsed.audience() == null ? null : Audience.of(parsed.audience()),
                                parsed.tags()),
                        actor);
                imported.add(result.id());
                results.add(new LineResult(
                        lineNumber,
                        parsed.externalId(),
                        result.id().toString(),
                        result.created() ? "created" : "updated",
                        List.of()));
            } catch (InvalidInputException e) {
                results.add(new LineResult(lineNumber, parsed.externalId(), null, "error", e.problems()));
            } catch (RuleViolationException e) {
                results.add(new LineResult(
                        lineNumber,
                        parsed.externalId(),
                        null,
                        "error",
                        List.of(new FieldProblem("line", e.getMessage()))));
            }
        }
        // Searchable as soon as the request answers (the publication events index them again, harmlessly).
        indexer.sync(imported, true);
        return results;
    }

    /** One line as read. */
    record ImportedLine(
            String externalId, String title, String body, String language, String audience, List<String> tags) {}

    private static @Nullable ImportedLine parse(String line, List<FieldProblem> problems) {
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
        if (audience != null && !org.switchboard.knowledge.KnowledgeQuery.Audiences.valid(audience)) {
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
        return new ImportedLine(
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
