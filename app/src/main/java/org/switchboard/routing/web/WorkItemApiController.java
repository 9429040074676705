package org.switchboard.routing.web;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.identity.Actors;
import org.switchboard.identity.UserId;
import org.switchboard.identity.Users;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.Ids;
import org.switchboard.platform.JsonBody;
import org.switchboard.platform.NotFoundException;
import org.switchboard.routing.internal.Queue;
import org.switchboard.routing.internal.Queues;
import org.switchboard.routing.internal.dispatch.Dispatcher;
import org.switchboard.routing.internal.dispatch.QueueRouting;
import org.switchboard.routing.internal.dispatch.Skill;
import org.switchboard.routing.internal.dispatch.WorkIntake;
import org.switchboard.routing.internal.dispatch.WorkItem;
import org.switchboard.routing.internal.engine.CustomerTier;
import tools.jackson.databind.JsonNode;

/**
 * Work items, offers, callbacks, transfers, queue hours and queue statistics. Ids in the path that name
 * nothing are 404; ids in a body that name nothing are 400 naming the field. See {@code docs/routing.md}.
 */
@RestController
class WorkItemApiController {

    private static final List<String> CHANNELS = List.of("voice", "chat", "email");
    private static final int MAX_NOTE = 2_000;

    private final Dispatcher dispatcher;
    private final WorkIntake intake;
    private final Queues queues;
    private final Users users;
    private final Cases cases;

    WorkItemApiController(Dispatcher dispatcher, WorkIntake intake, Queues queues, Users users, Cases cases) {
        this.dispatcher = dispatcher;
        this.intake = intake;
        this.queues = queues;
        this.users = users;
        this.cases = cases;
    }

    // ---------------------------------------------------------------- the queue

    @GetMapping("/api/v1/queues/{id}/work-items")
    List<RoutingJson.Item> line(@PathVariable String id, @RequestParam(required = false) @Nullable Integer limit) {
        Queue queue = queues.get(id);
        return dispatcher.line(queue.id(), Cursor.limit(limit)).stream()
                .map(RoutingJson.Item::of)
                .toList();
    }

    @GetMapping("/api/v1/queues/{id}/stats")
    Dispatcher.QueueStats stats(@PathVariable String id) {
        return dispatcher.stats(queues.get(id).id());
    }

    /** Every active queue's live figures, for the supervisor view. */
    @GetMapping("/api/v1/routing/queue-stats")
    List<Dispatcher.QueueStats> allStats() {
        return queues.list().stream()
                .filter(Queue::active)
                .map(q -> dispatcher.stats(q.id()))
                .toList();
    }

    // ---------------------------------------------------------------- work items

    /**
     * Enqueues work: {@code {"queue", "channel", "caseId"?, "skills"?, "language"?, "priority"?, "tier"?,
     * "preferredAgent"?}}. With a case and no priority the effective priority is computed as for cases
     * (queue base + case priority + customer tier); without, it is the queue's base priority plus
     * {@code priority} plus the tier's points (standard 0, gold 10, platinum 20). {@code preferredAgent} is
     * offered the item first during the queue's sticky window (by default the customer's last agent). A
     * full queue without an overflow queue is 409.
     */
    @PostMapping("/api/v1/work-items")
    ResponseEntity<RoutingJson.Placed> enqueue(@RequestBody(required = false) @Nullable JsonNode json) {
        JsonBody body = JsonBody.of(json);
        Queue queue = bodyQueue(body, "queue");
        String channel = body.string("channel");
        CaseView view = bodyCase(body, "caseId");
        if (channel == null && view != null) {
            channel = WorkIntake.workChannel(view.channel());
        }
        if (channel == null || !CHANNELS.contains(channel)) {
            body.problem("channel", "must be one of voice, chat, email");
        }
        List<Skill> skills = bodySkills(body, queue);
        String language = body.string("language");
        Integer priority = body.integer("priority");
        if (priority != null && (priority < 0 || priority > 1000)) {
            body.problem("priority", "must be between 0 and 1000");
        }
        CustomerTier tier = CustomerTier.STANDARD;
        String tierName = body.string("tier");
        if (tierName != null) {
            try {
                tier = CustomerTier.fromWire(tierName);
            } catch (IllegalArgumentException e) {
                body.problem("tier", "must be one of standard, gold, platinum");
            }
        }
        UserId preferred = body.has("preferredAgent") ? bodyAgent(body, "preferredAgent") : null;
        body.check();
        // with a case (and no priority given) the customer's own tier counts; otherwise the given one
        int effective = view != null && priority == null
                ? intake.effectivePriority(
                        queue, view.priority(), view.customer().id())
                : queue.basePriority() + (priority == null ? 0 : priority) + tier.priority();
        WorkItem item = dispatcher
                .enqueue(new Dispatcher.Entry(
                        "case",
                        view == null ? null : view.id(),
                        queue.id(),
                        channel,
                        skills,
                        language != null ? language.strip().toLowerCase(Locale.ROOT) : queue.language(),
                        effective,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "api",
                        view == null ? null : view.customer().id().value(),
                        preferred))
                .orElseThrow(
                        () -> new org.switchboard.platform.ConflictException("The case has a live work item already"));
        return ResponseEntity.created(URI.create("/api/v1/work-items/" + item.id()))
                .body(placed(item.id()));
    }

    /** An item with its position in line and estimated wait (for customer-facing channels). */
    @GetMapping("/api/v1/work-items/{id}")
    RoutingJson.Placed get(@PathVariable String id) {
        return placed(Ids.parse(id, "work item"));
    }

    @DeleteMapping("/api/v1/work-items/{id}")
    RoutingJson.Item cancel(@PathVariable String id) {
        return RoutingJson.Item.of(dispatcher.cancel(Ids.parse(id, "work item"), "cancelled by API"));
    }

    @PostMapping("/api/v1/work-items/{id}/complete")
    RoutingJson.Item complete(@PathVariable String id) {
        return RoutingJson.Item.of(dispatcher.complete(Ids.parse(id, "work item"), Actors.current()));
    }

    /** {@code {"agent": id} or {"queue": id-or-name}, "note"?}: hands the item on. */
    @PostMapping("/api/v1/work-items/{id}/transfer")
    RoutingJson.Item transfer(@PathVariable String id, @RequestBody(required = false) @Nullable JsonNode json) {
        UUID item = Ids.parse(id, "work item");
        dispatcher.item(item);
        JsonBody body = JsonBody.of(json);
        UserId agent = body.has("agent") ? bodyAgent(body, "agent") : null;
        Queue queue = body.has("queue") ? bodyQueue(body, "queue") : null;
        String note = note(body);
        if ((agent == null) == (queue == null) && !body.has("agent") && !body.has("queue")) {
            body.problem("agent", "give either agent or queue");
        }
        body.check();
        return RoutingJson.Item.of(
                dispatcher.transfer(item, agent, queue == null ? null : queue.id(), note, Actors.current()));
    }

    /** Supervisors: {@code {"queue"?, "toFront"?}} moves a waiting item to another queue or the head of its line. */
    @PostMapping("/api/v1/work-items/{id}/move")
    @PreAuthorize("hasRole('SUPERVISOR')")
    RoutingJson.Placed move(@PathVariable String id, @RequestBody(required = false) @Nullable JsonNode json) {
        UUID item = Ids.parse(id, "work item");
        dispatcher.item(item);
        JsonBody body = JsonBody.of(json);
        Queue queue = body.has("queue") ? bodyQueue(body, "queue") : null;
        Boolean toFront = body.bool("toFront");
        body.check();
        dispatcher.move(item, queue == null ? null : queue.id(), Boolean.TRUE.equals(toFront));
        return placed(item);
    }

    /** Supervisors: {@code {"agent"}} assigns the item whatever the agent's state and skills, within its capacity (409). */
    @PostMapping("/api/v1/work-items/{id}/assign")
    @PreAuthorize("hasRole('SUPERVISOR')")
    RoutingJson.Item forceAssign(@PathVariable String id, @RequestBody(required = false) @Nullable JsonNode json) {
        UUID item = Ids.parse(id, "work item");
        dispatcher.item(item);
        JsonBody body = JsonBody.of(json);
        if (!body.has("agent")) {
            body.problem("agent", "is required");
        }
        UserId agent = bodyAgent(body, "agent");
        body.check();
        return RoutingJson.Item.of(dispatcher.forceAssign(item, agent));
    }

    // ---------------------------------------------------------------- offers

    @PostMapping("/api/v1/offers/{id}/accept")
    RoutingJson.Item accept(@PathVariable String id) {
        return RoutingJson.Item.of(dispatcher.accept(Ids.parse(id, "offer"), Actors.current()));
    }

    @PostMapping("/api/v1/offers/{id}/decline")
    RoutingJson.Item decline(@PathVariable String id) {
        return RoutingJson.Item.of(dispatcher.decline(Ids.parse(id, "offer"), Actors.current()));
    }

    // ---------------------------------------------------------------- callbacks and live contacts

    /**
     * A callback request {@code {"caseId", "queue"?, "phone", "at"?, "replaces"?}}: with {@code replaces} (a
     * waiting item, e.g. the customer's call) the callback takes over its place in line (virtual hold);
     * with {@code at} it is scheduled and not offered before then.
     */
    @PostMapping("/api/v1/callbacks")
    ResponseEntity<RoutingJson.Placed> callback(@RequestBody(required = false) @Nullable JsonNode json) {
        JsonBody body = JsonBody.of(json);
        CaseView view = bodyCase(body, "caseId");
        if (view == null && !body.has("caseId")) {
            body.problem("caseId", "is required");
        }
        String phone = body.string("phone");
        if (phone == null || !phone.strip().matches("\\+?[0-9 ()./-]{3,30}")) {
            body.problem("phone", "must be a phone number");
        }
        Instant at = instant(body, "at");
        WorkItem replaced = null;
        if (body.has("replaces")) {
            String value = body.string("replaces");
            try {
                replaced = dispatcher.item(UUID.fromString(String.valueOf(value)));
                if (!replaced.status().equals("waiting") && !replaced.status().equals("offered")) {
                    body.problem("replaces", "is not waiting");
                }
            } catch (IllegalArgumentException | NotFoundException e) {
                body.problem("replaces", "names no work item");
            }
        }
        Queue queue = body.has("queue")
                ? bodyQueue(body, "queue")
                : replaced != null
                        ? dispatcher.queue(replaced.queue())
                        : view != null && view.queue() != null
                                ? queues.get(view.queue().id().toString())
                                : null;
        if (queue == null && !body.has("queue")) {
            body.problem("queue", "is required when the case has no queue");
        }
        body.check();
        Instant enqueuedAt = null;
        int priority =
                intake.effectivePriority(queue, view.priority(), view.customer().id());
        if (replaced != null) {
            enqueuedAt = replaced.enqueuedAt();
            priority = replaced.priority();
            dispatcher.cancel(replaced.id(), "replaced by a callback");
        }
        WorkItem item = dispatcher
                .enqueue(new Dispatcher.Entry(
                        "callback",
                        view.id(),
                        queue.id(),
                        "voice",
                        WorkIntakeSkills.of(queue),
                        queue.language(),
                        priority,
                        enqueuedAt,
                        at,
                        phone.strip(),
                        null,
                        null,
                        replaced != null ? "virtual hold" : "callback"))
                .orElseThrow();
        return ResponseEntity.created(URI.create("/api/v1/work-items/" + item.id()))
                .body(placed(item.id()));
    }

    /**
     * A live contact arrives for a queue ({@code {"caseId", "channel"?, "phone"?}}): while the queue is open
     * it is enqueued (201); after hours the queue's action is returned (200): a callback (created for the
     * next opening when a phone number is given), a message (the case waits as written work), or a link to
     * self-service.
     */
    @PostMapping("/api/v1/queues/{id}/contacts")
    ResponseEntity<Object> contact(@PathVariable String id, @RequestBody(required = false) @Nullable JsonNode json) {
        Queue queue = queues.get(id);
        JsonBody body = JsonBody.of(json);
        CaseView view = bodyCase(body, "caseId");
        if (view == null && !body.has("caseId")) {
            body.problem("caseId", "is required");
        }
        String channel = body.string("channel");
        if (channel != null && !CHANNELS.contains(channel)) {
            body.problem("channel", "must be one of voice, chat, email");
        }
        String phone = body.string("phone");
        body.check();
        String workChannel = channel != null ? channel : WorkIntake.workChannel(view.channel());
        QueueRouting settings = dispatcher.settings(queue.id());
        Instant now = Instant.now();
        int priority =
                intake.effectivePriority(queue, view.priority(), view.customer().id());
        if (settings.openAt(now) || workChannel.equals("email")) {
            WorkItem item = dispatcher
                    .enqueue(new Dispatcher.Entry(
                            "case",
                            view.id(),
                            queue.id(),
                            workChannel,
                            WorkIntakeSkills.of(queue),
                            queue.language(),
                            priority,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "contact"))
                    .orElseThrow(() ->
                            new org.switchboard.platform.ConflictException("The case has a live work item already"));
            return ResponseEntity.status(HttpStatus.CREATED).body(placed(item.id()));
        }
        Instant opens = settings.nextOpening(now);
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("open", false);
        answer.put("action", settings.afterHours());
        answer.put("nextOpening", opens);
        switch (settings.afterHours()) {
            case "self_service" -> answer.put("selfServiceUrl", settings.selfServiceUrl());
            case "message" ->
                dispatcher
                        .enqueue(new Dispatcher.Entry(
                                "case",
                                view.id(),
                                queue.id(),
                                "email",
                                WorkIntakeSkills.of(queue),
                                queue.language(),
                                priority,
                                null,
                                null,
                                null,
                                "message taken after hours",
                                null,
                                "after hours"))
                        .ifPresent(item -> answer.put("workItem", item.id().toString()));
            default -> {
                if (phone != null && !phone.isBlank()) {
                    dispatcher
                            .enqueue(new Dispatcher.Entry(
                                    "callback",
                                    view.id(),
                                    queue.id(),
                                    "voice",
                                    WorkIntakeSkills.of(queue),
                                    queue.language(),
                                    priority,
                                    null,
                                    opens,
                                    phone.strip(),
                                    null,
                                    null,
                                    "after hours"))
                            .ifPresent(item -> answer.put("workItem", item.id().toString()));
                }
            }
        }
        return ResponseEntity.ok(answer);
    }

    // ---------------------------------------------------------------- hours

    @GetMapping("/api/v1/queues/{id}/hours")
    Map<String, Object> hours(@PathVariable String id) {
        Queue queue = queues.get(id);
        return hoursJson(dispatcher.settings(queue.id()));
    }

    /**
     * Admins: {@code {"timeZone", "afterHours", "selfServiceUrl"?, "autoAssign"?, "offerSeconds"?,
     * "wrapUpSeconds"?, "openings": [{"day": "monday", "opens": "09:00", "closes": "17:00"}] | null}}; null
     * openings means open around the clock.
     */
    @PutMapping("/api/v1/queues/{id}/hours")
    @PreAuthorize("hasRole('ADMIN')")
    Map<String, Object> setHours(@PathVariable String id, @RequestBody(required = false) @Nullable JsonNode json) {
        Queue queue = queues.get(id);
        JsonBody body = JsonBody.of(json);
        ZoneId zone = ZoneId.of("UTC");
        String zoneName = body.string("timeZone");
        if (zoneName != null) {
            try {
                zone = ZoneId.of(zoneName);
            } catch (RuntimeException e) {
                body.problem("timeZone", "is not a time zone");
            }
        }
        String afterHours = body.string("afterHours");
        if (afterHours == null) {
            afterHours = "message";
        } else if (!List.of("callback", "message", "self_service").contains(afterHours)) {
            body.problem("afterHours", "must be one of callback, message, self_service");
        }
        String selfService = body.string("selfServiceUrl");
        if ("self_service".equals(afterHours) && (selfService == null || !selfService.startsWith("http"))) {
            body.problem("selfServiceUrl", "is required (an http or https URL) with self_service");
        }
        Boolean autoAssign = body.bool("autoAssign");
        Integer offerSeconds = body.integer("offerSeconds");
        if (offerSeconds != null && (offerSeconds < 5 || offerSeconds > 600)) {
            body.problem("offerSeconds", "must be between 5 and 600");
        }
        Integer wrapUp = body.integer("wrapUpSeconds");
        if (wrapUp != null && (wrapUp < 0 || wrapUp > 3600)) {
            body.problem("wrapUpSeconds", "must be between 0 and 3600");
        }
        boolean hasHours = body.has("openings") && !body.isNull("openings");
        List<QueueRouting.Opening> openings = new ArrayList<>();
        List<JsonBody> given = hasHours ? body.objects("openings") : List.of();
        for (int i = 0; i < given.size(); i++) {
            JsonBody opening = given.get(i);
            try {
                DayOfWeek day =
                        DayOfWeek.valueOf(String.valueOf(opening.string("day")).toUpperCase(Locale.ROOT));
                LocalTime opens = LocalTime.parse(String.valueOf(opening.string("opens")));
                LocalTime closes = LocalTime.parse(String.valueOf(opening.string("closes")));
                if (!closes.isAfter(opens)) {
                    opening.problem("closes", "must be after opens");
                } else {
                    openings.add(new QueueRouting.Opening(day, opens, closes));
                }
            } catch (IllegalArgumentException | DateTimeParseException e) {
                body.problem("openings[" + i + "]", "needs a day (monday..sunday), opens and closes (HH:MM)");
            }
        }
        body.check();
        QueueRouting settings = new QueueRouting(
                zone,
                afterHours,
                selfService,
                Boolean.TRUE.equals(autoAssign),
                offerSeconds == null ? 20 : offerSeconds,
                wrapUp == null ? 60 : wrapUp,
                hasHours,
                List.copyOf(openings));
        return hoursJson(dispatcher.saveSettings(queue.id(), settings));
    }

    private static Map<String, Object> hoursJson(QueueRouting settings) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        Instant now = Instant.now();
        json.put("timeZone", settings.timeZone().getId());
        json.put("afterHours", settings.afterHours());
        json.put("selfServiceUrl", settings.selfServiceUrl());
        json.put("autoAssign", settings.autoAssign());
        json.put("offerSeconds", settings.offerSeconds());
        json.put("wrapUpSeconds", settings.wrapUpSeconds());
        json.put(
                "openings",
                settings.hasHours()
                        ? settings.openings().stream()
                                .map(o -> Map.of(
                                        "day", o.day().name().toLowerCase(Locale.ROOT),
                                        "opens", o.opens().toString(),
                                        "closes", o.closes().toString()))
                                .toList()
                        : null);
        json.put("open", settings.openAt(now));
        json.put("nextOpening", settings.nextOpening(now));
        return json;
    }

    // ---------------------------------------------------------------- body helpers

    private RoutingJson.Placed placed(UUID id) {
        WorkItem item = dispatcher.item(id);
        Dispatcher.Position position = dispatcher.position(id);
        return new RoutingJson.Placed(RoutingJson.Item.of(item), position.position(), position.estimatedWaitSeconds());
    }

    private @Nullable Queue bodyQueue(JsonBody body, String field) {
        String value = body.string(field);
        if (value == null || value.isBlank()) {
            body.problem(field, "is required");
            return null;
        }
        return queues.queue(value).orElseGet(() -> {
            body.problem(field, "names no queue");
            return null;
        });
    }

    private @Nullable UserId bodyAgent(JsonBody body, String field) {
        String value = body.string(field);
        if (value == null) {
            body.problem(field, "is required");
            return null;
        }
        try {
            UserId id = new UserId(UUID.fromString(value.strip()));
            if (users.find(id).filter(u -> u.active()).isPresent()) {
                return id;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        body.problem(field, "names no active agent");
        return null;
    }

    private @Nullable CaseView bodyCase(JsonBody body, String field) {
        String value = body.string(field);
        if (value == null) {
            return null;
        }
        try {
            return cases.get(value.strip(), null);
        } catch (NotFoundException e) {
            body.problem(field, "names no case");
            return null;
        }
    }

    private List<Skill> bodySkills(JsonBody body, @Nullable Queue queue) {
        if (!body.has("skills")) {
            return queue == null ? List.of() : WorkIntakeSkills.of(queue);
        }
        List<Skill> skills = new ArrayList<>();
        List<JsonBody> given = body.objects("skills");
        for (int i = 0; i < given.size(); i++) {
            JsonBody skill = given.get(i);
            String name = skill.string("skill");
            Integer min = skill.integer("minProficiency");
            if (name == null || !users.skillExists(name)) {
                skill.problem("skill", "names no skill of the catalog");
            } else if (min == null || min < 1 || min > 5) {
                skill.problem("minProficiency", "must be between 1 and 5");
            } else {
                skills.add(new Skill(name.strip(), min));
            }
        }
        return skills;
    }

    private static @Nullable String note(JsonBody body) {
        String note = body.string("note");
        if (note != null && note.length() > MAX_NOTE) {
            body.problem("note", "must be at most " + MAX_NOTE + " characters");
        }
        return note == null || note.isBlank() ? null : note.strip();
    }

    private static @Nullable Instant instant(JsonBody body, String field) {
        String value = body.string(field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            body.problem(field, "must be an ISO-8601 instant, e.g. 2026-11-24T15:30:00Z");
            return null;
        }
    }

    /** The queue's required skills as a work item's. */
    private static final class WorkIntakeSkills {
        static List<Skill> of(Queue queue) {
            return queue.requiredSkills().stream()
                    .map(s -> new Skill(s.skill(), s.minProficiency()))
                    .toList();
        }
    }
}
