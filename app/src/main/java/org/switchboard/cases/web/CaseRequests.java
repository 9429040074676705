package org.switchboard.cases.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.AttachmentId;
import org.switchboard.cases.CaseChange;
import org.switchboard.cases.CaseStatus;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.PendingReason;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.Actor;
import org.switchboard.identity.UserId;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import tools.jackson.databind.JsonNode;

/** The JSON bodies of the case API and their translation into commands. */
final class CaseRequests {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private CaseRequests() {}

    record CustomerSpec(
            @Nullable String id,
            @Nullable String email,
            @Nullable String name) {}

    record MessageSpec(
            @Nullable String text,
            @Nullable String html,
            @Nullable List<String> attachments) {}

    /** {@code POST /api/v1/cases}. */
    record CreateCase(
            @Nullable String subject,
            @Nullable CustomerSpec customer,
            @Nullable String queue,
            @Nullable String priority,
            @Nullable String channel,
            @Nullable MessageSpec message,
            @Nullable List<String> tags,
            @Nullable String category) {}

    /** {@code POST .../replies} and {@code .../notes}. */
    record Compose(
            @Nullable String text,
            @Nullable String html,
            @Nullable List<String> attachments) {
        MessageDraft draft() {
            return new MessageDraft(text == null ? "" : text, html, attachmentIds(attachments));
        }
    }

    record Merge(@Nullable String into) {}

    record Split(@Nullable String messageId) {}

    record Link(@Nullable String caseId, @Nullable String kind) {}

    record CannedResponseBody(
            @Nullable String name, @Nullable String body) {}

    static boolean isEmail(String value) {
        return EMAIL.matcher(value.trim()).matches() && value.length() <= 254;
    }

    static List<AttachmentId> attachmentIds(@Nullable List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        var result = new ArrayList<AttachmentId>();
        for (String id : ids) {
            try {
                result.add(AttachmentId.parse(id));
            } catch (NotFoundException e) {
                throw new InvalidInputException("attachments", "'" + id + "' is not an attachment id");
            }
        }
        return result;
    }

    /** A PATCH body: only the fields present change; {@code "assignee": null} unassigns. */
    static CaseChange change(JsonNode body, QueueDirectory queues, Actor actor) {
        if (body == null || !body.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        CaseStatus status = null;
        PendingReason reason = null;
        Priority priority = null;
        QueueId queue = null;
        Optional<UserId> assignee = null;
        Set<String> tags = null;
        String category = null;
        String disposition = null;
        for (var property : body.properties()) {
            String name = property.getKey();
            JsonNode value = property.getValue();
            switch (name) {
                case "status" -> status = CaseStatus.of(string(name, value, false));
                case "pendingReason" -> {
                    String v = string(name, value, true);
                    reason = v == null ? null : PendingReason.of(v);
                }
                case "priority" -> priority = Priority.of(string(name, value, false));
                case "queue" -> {
                    String v = string(name, value, false);
                    queue = queues.find(v)
                            .orElseThrow(() -> new InvalidInputException("queue", "no such queue"))
                            .id();
                }
                case "assignee" -> {
                    String v = string(name, value, true);
                    assignee = Optional.ofNullable(v == null ? null : user(v, actor, "assignee"));
                }
                case "tags" -> {
                    if (!value.isArray()) {
                        throw new InvalidInputException("tags", "must be an array of strings");
                    }
                    var set = new java.util.LinkedHashSet<String>();
                    for (JsonNode tag : value.values()) {
                        if (!tag.isString()) {
                            throw new InvalidInputException("tags", "must be an array of strings");
                        }
                        set.add(tag.stringValue());
                    }
                    tags = set;
                }
                case "category" -> {
                    String v = string(name, value, true);
                    category = v == null ? "" : v;
                }
                case "disposition" -> {
                    String v = string(name, value, true);
                    disposition = v == null ? "" : v;
                }
                default -> throw new InvalidInputException(name, "is not a field of a case that can be changed");
            }
        }
        return new CaseChange(status, reason, priority, queue, assignee, tags, category, disposition);
    }

    /** {@code me} (the actor) or a user id. */
    static UserId user(String value, Actor actor, String field) {
        if (value.equalsIgnoreCase("me")) {
            return actor.id();
        }
        try {
            return UserId.parse(value);
        } catch (NotFoundException e) {
            throw new InvalidInputException(field, "must be a user id or 'me'");
        }
    }

    private static @Nullable String string(String field, JsonNode value, boolean nullable) {
        if (value.isNull()) {
            if (nullable) {
                return null;
            }
            throw new InvalidInputException(field, "must not be null");
        }
        if (!value.isString()) {
            throw new InvalidInputException(field, "must be a string");
        }
        return value.stringValue();
    }
}
