package org.switchboard.routing.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.ETags;
import org.switchboard.platform.JsonBody;
import org.switchboard.platform.Page;
import org.switchboard.platform.StaleVersionException;
import org.switchboard.routing.internal.Queue;
import org.switchboard.routing.internal.QueueDraft;
import org.switchboard.routing.internal.Queues;
import tools.jackson.databind.JsonNode;

/**
 * The queue API. Every signed-in user may read queues; only admins create and change them. {@code {id}}
 * is a queue's id or its (case-insensitive) name.
 */
@RestController
@RequestMapping("/api/v1/queues")
class QueueApiController {

    private final Queues queues;

    QueueApiController(Queues queues) {
        this.queues = queues;
    }

    @GetMapping
    Page<QueueJson> list(
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        return queues.page(Cursor.limit(limit), cursor).map(QueueJson::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<QueueJson> get(@PathVariable String id) {
        Queue queue = queues.get(id);
        return ResponseEntity.ok().eTag(ETags.of(queue.version())).body(QueueJson.of(queue));
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<QueueJson> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = QueueRequest.class)))
                    @RequestBody
                    JsonNode json) {
        JsonBody body = JsonBody.of(json);
        QueueDraft draft = draft(body, null);
        body.check();
        Queue queue = queues.create(draft);
        return ResponseEntity.created(URI.create("/api/v1/queues/" + queue.id()))
                .eTag(ETags.of(queue.version()))
                .body(QueueJson.of(queue));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<QueueJson> update(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = QueueRequest.class)))
                    @RequestBody
                    JsonNode json) {
        Long expected = ETags.expectedVersion(ifMatch);
        for (int attempt = 1; ; attempt++) {
            JsonBody body = JsonBody.of(json);
            Queue current = queues.get(id);
            QueueDraft draft = draft(body, current.draft());
            body.check();
            // The patch is applied to the version just read: without If-Match a concurrent change is
            // not overwritten but read again and the patch reapplied.
            try {
                Queue queue = queues.update(id, draft, expected != null ? expected : current.version());
                return ResponseEntity.ok().eTag(ETags.of(queue.version())).body(QueueJson.of(queue));
            } catch (StaleVersionException e) {
                if (expected != null || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** The draft from a body; for a PATCH ({@code current} given) an absent field keeps its value. */
    private static QueueDraft draft(JsonBody body, @Nullable QueueDraft current) {
        boolean patch = current != null;
        String name = patch && !body.has("name") ? current.name() : body.string("name");
        String team = patch && !body.has("team") ? current.team() : body.string("team");
        List<QueueDraft.Skill> skills;
        if (patch && !body.has("requiredSkills")) {
            skills = current.requiredSkills();
        } else {
            skills = new ArrayList<>();
            for (JsonBody skill : body.objects("requiredSkills")) {
                skills.add(new QueueDraft.Skill(skill.string("skill"), skill.integer("minProficiency")));
            }
        }
        String language = patch && !body.has("language") ? current.language() : body.string("language");
        Integer priority = patch && !body.has("basePriority") ? current.basePriority() : body.integer("basePriority");
        Boolean active = patch && !body.has("active") ? current.active() : body.bool("active");
        return new QueueDraft(name, team, skills, language, priority, active);
    }
}
