package org.switchboard.knowledge.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.knowledge.ArticleDraft;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.ArticleView;
import org.switchboard.knowledge.Audience;
import org.switchboard.knowledge.Language;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.JsonBody;
import tools.jackson.databind.JsonNode;

/**
 * Article request bodies read field by field, so every wrong field is named in the 400 and a PATCH can
 * tell an absent field (kept) from a null one (cleared).
 */
final class ArticleRequests {

    private ArticleRequests() {}

    /** A new article or translation from a JSON body; {@code translationOf} is the path's article. */
    static ArticleDraft draft(JsonNode node, @Nullable ArticleId translationOf) {
        JsonBody body = JsonBody.of(node);
        String title = body.string("title");
        String text = body.string("body");
        String summary = body.string("summary");
        Language language = language(body, "language", true);
        Audience audience = audience(body, translationOf == null);
        String categoryId = body.string("categoryId");
        List<String> tags = body.strings("tags");
        List<String> products = body.strings("products");
        LocalDate reviewBy = date(body, "reviewBy");
        String owner = body.string("owner");
        String externalId = body.string("externalId");
        if (title == null && !body.isNull("title")) {
            body.problem("title", "is required");
        }
        body.check();
        return new ArticleDraft(
                title,
                text == null ? "" : text,
                summary,
                language,
                audience,
                categoryId,
                tags == null ? List.of() : tags,
                products == null ? List.of() : products,
                reviewBy,
                owner,
                translationOf,
                externalId);
    }

    /** The current article with the fields present in the body changed. */
    static ArticleDraft patch(ArticleView current, JsonNode node) {
        JsonBody body = JsonBody.of(node);
        String title = body.has("title") ? body.string("title") : current.title();
        if (body.has("title") && title == null) {
            body.problem("title", "must not be null");
        }
        String text = body.has("body") ? body.string("body") : current.body();
        String summary = body.has("summary") ? body.string("summary") : current.summary();
        Language language = body.has("language") ? language(body, "language", true) : current.language();
        Audience audience = body.has("audience") ? audience(body, true) : current.audience();
        String categoryId = body.has("categoryId")
                ? body.string("categoryId")
                : current.category() == null ? null : current.category().id();
        List<String> tags = body.has("tags") ? body.strings("tags") : current.tags();
        List<String> products = body.has("products") ? body.strings("products") : current.products();
        LocalDate reviewBy = body.has("reviewBy") ? date(body, "reviewBy") : current.reviewBy();
        String owner = body.string("owner");
        String externalId = body.has("externalId") ? body.string("externalId") : current.externalId();
        for (String readOnly : List.of("id", "status", "revision", "slug", "version", "translationOf", "family")) {
            if (body.has(readOnly)) {
                body.problem(
                        readOnly, readOnly.equals("status") ? "is changed with POST .../status" : "cannot be changed");
            }
        }
        body.check();
        return new ArticleDraft(
                title,
                text == null ? "" : text,
                summary,
                language,
                audience,
                categoryId,
                tags == null ? List.of() : tags,
                products == null ? List.of() : products,
                reviewBy,
                owner,
                null,
                externalId);
    }

    static @Nullable Language language(JsonBody body, String field, boolean required) {
        String value = body.string(field);
        if (value == null) {
            if (required) {
                body.problem(field, "is required (an ISO 639-1 code such as en, fr, ru or zh)");
            }
            return null;
        }
        try {
            return Language.of(value, body.name(field));
        } catch (InvalidInputException e) {
            body.problem(field, e.problems().getFirst().message());
            return null;
        }
    }

    static @Nullable Audience audience(JsonBody body, boolean required) {
        String value = body.string("audience");
        if (value == null) {
            if (required) {
                body.problem("audience", "is required: agents, customers or partners");
            }
            return null;
        }
        try {
            return Audience.of(value);
        } catch (InvalidInputException e) {
            body.problem("audience", e.problems().getFirst().message());
            return null;
        }
    }

    static @Nullable LocalDate date(JsonBody body, String field) {
        String value = body.string(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            body.problem(field, "must be a date such as 2027-03-31");
            return null;
        }
    }
}
