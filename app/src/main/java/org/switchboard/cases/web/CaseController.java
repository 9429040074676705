package org.switchboard.cases.web;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.switchboard.cases.AttachmentView;
import org.switchboard.cases.CaseFilter;
import org.switchboard.cases.CaseSort;
import org.switchboard.cases.CaseStatus;
import org.switchboard.cases.CaseSummary;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Channel;
import org.switchboard.cases.InteractionView;
import org.switchboard.cases.LinkKind;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.MessageId;
import org.switchboard.cases.MessageView;
import org.switchboard.cases.OpenCase;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueCounts;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueId;
import org.switchboard.cases.QueueRef;
import org.switchboard.cases.TimelineEntry;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.Customers;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.ETags;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Page;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/cases}: create, read, list, change, reply, note, attach, merge, split, link, timeline.
 * {@code {id}} is a case id or number ({@code SB-10042}).
 */
@RestController
@RequestMapping("/api/v1/cases")
class CaseController {

    private final Cases cases;
    private final Customers customers;
    private final QueueDirectory queues;

    CaseController(Cases cases, Customers customers, QueueDirectory queues) {
        this.cases = cases;
        this.customers = customers;
        this.queues = queues;
    }

    @PostMapping
    ResponseEntity<CaseView> create(@RequestBody CaseRequests.CreateCase body) {
        Actor actor = Actors.current();
        String subject = body.subject();
        if (subject == null || subject.isBlank()) {
            throw new InvalidInputException("subject", "must not be blank");
        }
        if (body.message() == null) {
            throw new InvalidInputException("message", "is required");
        }
        Priority priority = body.priority() == null ? null : Priority.of(body.priority());
        Channel channel = body.channel() == null ? null : Channel.of(body.channel());
        QueueId queue = null;
        if (body.queue() != null) {
            queue = queues.find(body.queue())
                    .orElseThrow(() -> new InvalidInputException("queue", "no such queue"))
                    .id();
        }
        var message = body.message();
        var draft = new MessageDraft(
                message.text() == null ? "" : message.text(),
                message.html(),
                CaseRequests.attachmentIds(message.attachments()));
        CustomerId customer = customer(body.customer());
        CaseView view = cases.open(
                new OpenCase(
                        subject,
                        customer,
                        queue,
                        priority,
                        channel,
                        draft,
                        body.tags() == null ? null : new HashSet<>(body.tags()),
                        body.category()),
                actor);
        return ResponseEntity.created(URI.create("/api/v1/cases/" + view.id()))
                .eTag(ETags.of(view.version()))
                .body(view);
    }

    private CustomerId customer(CaseRequests.@Nullable CustomerSpec spec) {
        if (spec == null) {
            throw new InvalidInputException("customer", "is required: {\"email\"} or {\"id\"}");
        }
        if (spec.id() != null && spec.email() != null) {
            throw new InvalidInputException("customer", "give either id or email, not both");
        }
        if (spec.id() != null) {
            CustomerId id;
            try {
                id = CustomerId.parse(spec.id());
            } catch (NotFoundException e) {
                throw new InvalidInputException("customer.id", "is not a customer id");
            }
            customers.find(id).orElseThrow(() -> new InvalidInputException("customer.id", "no such customer"));
            return id;
        }
        if (spec.email() == null || spec.email().isBlank()) {
            throw new InvalidInputException("customer", "is required: {\"email\"} or {\"id\"}");
        }
        if (!CaseRequests.isEmail(spec.email())) {
            throw new InvalidInputException("customer.email", "is not an email address");
        }
        return customers.identifyOrCreate(ChannelIdentity.email(spec.email()), spec.name());
    }

    @GetMapping("/{id}")
    ResponseEntity<CaseView> get(@PathVariable String id) {
        CaseView view = cases.get(id, Actors.current());
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @GetMapping
    Page<CaseSummary> list(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> priority,
            @RequestParam(required = false) String queue,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String customer,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String updatedSince,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String sort) {
        Actor actor = Actors.current();
        return cases.list(
                filter(limit, cursor, status, priority, queue, assignee, customer, tag, updatedSince, q, sort, actor),
                actor);
    }

    /** The number of cases a list would show (same filters), e.g. for badges: {@code {"count"}}. */
    @GetMapping("/count")
    Map<String, Long> count(
            @RequestParam(required = false) List<String> status,
            @RequestParam(required = false) List<String> priority,
            @RequestParam(required = false) String queue,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) String customer,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) String updatedSince,
            @RequestParam(required = false) String q) {
        Actor actor = Actors.current();
        return Map.of(
                "count",
                cases.count(
                        filter(
                                null,
                                null,
                                status,
                                priority,
                                queue,
                                assignee,
                                customer,
                                tag,
                                updatedSince,
                                q,
                                null,
                                actor),
                        actor));
    }

    /**
     * The count badges of every queue the caller sees (their teams' queues for an agent, all for
     * supervisors and admins), by queue name: {@code {"items": [{"queue", "open", "unassigned"}]}}.
     */
    @GetMapping("/counts/by-queue")
    Map<String, List<QueueCounts>> countsByQueue() {
        Actor actor = Actors.current();
        List<QueueRef> visible =
                new java.util.ArrayList<>(actor.seesAllQueues() ? queues.all() : queues.ownedBy(actor.teams()));
        visible.sort(java.util.Comparator.comparing(QueueRef::name, String.CASE_INSENSITIVE_ORDER));
        var ids = new java.util.LinkedHashSet<QueueId>();
        visible.forEach(queue -> ids.add(queue.id()));
        Map<QueueId, QueueCounts> counts = cases.countByQueue(ids, actor);
        return Map.of("items", ids.stream().map(counts::get).toList());
    }

    private CaseFilter filter(
            @Nullable Integer limit,
            @Nullable String cursor,
            @Nullable List<String> status,
            @Nullable List<String> priority,
            @Nullable String queue,
            @Nullable String assignee,
            @Nullable String customer,
            @Nullable String tag,
            @Nullable String updatedSince,
            @Nullable String q,
            @Nullable String sort,
            Actor actor) {
        Set<CaseStatus> statuses = null;
        if (status != null && !status.isEmpty()) {
            statuses = new HashSet<>();
            for (String s : status) {
                for (String part : s.split(",")) {
                    if (!part.isBlank()) {
                        statuses.add(CaseStatus.of(part));
                    }
                }
            }
        }
        Set<Priority> priorities = null;
        if (priority != null && !priority.isEmpty()) {
            priorities = new HashSet<>();
            for (String p : priority) {
                for (String part : p.split(",")) {
                    if (!part.isBlank()) {
                        priorities.add(Priority.of(part.strip()));
                    }
                }
            }
        }
        QueueId queueId = queue == null || queue.isBlank()
                ? null
                : queues.find(queue)
                        .orElseThrow(() -> new InvalidInputException("queue", "no such queue"))
                        .id();
        boolean unassigned = false;
        org.switchboard.identity.UserId assigneeId = null;
        if (assignee != null && !assignee.isBlank()) {
            if (assignee.equalsIgnoreCase("none")) {
                unassigned = true;
            } else {
                assigneeId = CaseRequests.user(assignee, actor, "assignee");
            }
        }
        CustomerId customerId = null;
        if (customer != null && !customer.isBlank()) {
            try {
                customerId = CustomerId.parse(customer);
            } catch (NotFoundException e) {
                throw new InvalidInputException("customer", "is not a customer id");
            }
        }
        Instant since = null;
        if (updatedSince != null && !updatedSince.isBlank()) {
            try {
                since = Instant.parse(updatedSince);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException(
                        "updatedSince", "must be an ISO-8601 instant, e.g. 2026-11-24T08:00:00Z");
            }
        }
        return new CaseFilter(
                statuses,
                priorities,
                queueId,
                assigneeId,
                unassigned,
                customerId,
                tag,
                since,
                q,
                CaseSort.of(sort),
                Cursor.limit(limit),
                cursor == null || cursor.isBlank() ? null : cursor);
    }

    @PatchMapping("/{id}")
    ResponseEntity<CaseView> change(
            @PathVariable String id,
            @RequestBody JsonNode body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Actor actor = Actors.current();
        CaseView current = cases.get(id, actor);
        CaseView view = cases.change(
                current.id(), CaseRequests.change(body, queues, actor), ETags.expectedVersion(ifMatch), actor);
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @GetMapping("/{id}/timeline")
    Map<String, List<TimelineEntry>> timeline(@PathVariable String id) {
        Actor actor = Actors.current();
        return Map.of("items", cases.timeline(cases.get(id, actor).id(), actor));
    }

    @GetMapping("/{id}/messages")
    Map<String, List<MessageView>> messages(@PathVariable String id) {
        Actor actor = Actors.current();
        return Map.of("items", cases.messages(cases.get(id, actor).id(), actor));
    }

    @GetMapping("/{id}/interactions")
    Map<String, List<InteractionView>> interactions(@PathVariable String id) {
        Actor actor = Actors.current();
        return Map.of("items", cases.interactions(cases.get(id, actor).id(), actor));
    }

    @PostMapping("/{id}/replies")
    @ResponseStatus(HttpStatus.CREATED)
    MessageView reply(@PathVariable String id, @RequestBody CaseRequests.Compose body) {
        Actor actor = Actors.current();
        return cases.reply(cases.get(id, actor).id(), body.draft(), actor);
    }

    @PostMapping("/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    MessageView note(@PathVariable String id, @RequestBody CaseRequests.Compose body) {
        Actor actor = Actors.current();
        return cases.note(cases.get(id, actor).id(), body.draft(), actor);
    }

    @PostMapping(path = "/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    AttachmentView upload(@PathVariable String id, @RequestPart("file") MultipartFile file) throws java.io.IOException {
        Actor actor = Actors.current();
        CaseView view = cases.get(id, actor);
        try (var in = file.getInputStream()) {
            return cases.storeAttachment(view.id(), file.getOriginalFilename(), in, actor);
        }
    }

    @PostMapping("/{id}/merge")
    ResponseEntity<CaseView> merge(@PathVariable String id, @RequestBody CaseRequests.Merge body) {
        Actor actor = Actors.current();
        if (body.into() == null || body.into().isBlank()) {
            throw new InvalidInputException("into", "is required");
        }
        CaseView source = cases.get(id, actor);
        CaseView target;
        try {
            target = cases.get(body.into(), actor);
        } catch (NotFoundException e) {
            throw new InvalidInputException("into", "no such case");
        }
        CaseView merged = cases.merge(source.id(), target.id(), actor);
        return ResponseEntity.ok().eTag(ETags.of(merged.version())).body(merged);
    }

    @PostMapping("/{id}/split")
    ResponseEntity<CaseView> split(@PathVariable String id, @RequestBody CaseRequests.Split body) {
        Actor actor = Actors.current();
        if (body.messageId() == null || body.messageId().isBlank()) {
            throw new InvalidInputException("messageId", "is required");
        }
        MessageId message;
        try {
            message = MessageId.parse(body.messageId());
        } catch (NotFoundException e) {
            throw new InvalidInputException("messageId", "is not a message id");
        }
        CaseView created = cases.split(cases.get(id, actor).id(), message, actor);
        return ResponseEntity.created(URI.create("/api/v1/cases/" + created.id()))
                .eTag(ETags.of(created.version()))
                .body(created);
    }

    @PostMapping("/{id}/links")
    ResponseEntity<CaseView> link(@PathVariable String id, @RequestBody CaseRequests.Link body) {
        Actor actor = Actors.current();
        if (body.caseId() == null || body.caseId().isBlank()) {
            throw new InvalidInputException("caseId", "is required");
        }
        LinkKind kind = body.kind() == null ? LinkKind.RELATED : LinkKind.of(body.kind());
        CaseView view = cases.get(id, actor);
        CaseView other;
        try {
            other = cases.get(body.caseId(), actor);
        } catch (NotFoundException e) {
            throw new InvalidInputException("caseId", "no such case");
        }
        CaseView linked = cases.link(view.id(), other.id(), kind, actor);
        return ResponseEntity.status(HttpStatus.CREATED)
                .eTag(ETags.of(linked.version()))
                .body(linked);
    }
}
