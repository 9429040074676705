package org.switchboard.cases.internal;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.AgentRef;
import org.switchboard.cases.AttachmentId;
import org.switchboard.cases.AttachmentView;
import org.switchboard.cases.AuthorKind;
import org.switchboard.cases.CaseAssigned;
import org.switchboard.cases.CaseChange;
import org.switchboard.cases.CaseEvent;
import org.switchboard.cases.CaseEventHeader;
import org.switchboard.cases.CaseFilter;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.CaseLink;
import org.switchboard.cases.CaseOpened;
import org.switchboard.cases.CaseParticipant;
import org.switchboard.cases.CasePriorityChanged;
import org.switchboard.cases.CaseQueueChanged;
import org.switchboard.cases.CaseReopened;
import org.switchboard.cases.CaseResolved;
import org.switchboard.cases.CaseSplit;
import org.switchboard.cases.CaseStatus;
import org.switchboard.cases.CaseStatusChanged;
import org.switchboard.cases.CaseSummary;
import org.switchboard.cases.CaseTagsChanged;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.CasesLinked;
import org.switchboard.cases.CasesMerged;
import org.switchboard.cases.Channel;
import org.switchboard.cases.ChannelReference;
import org.switchboard.cases.CustomerMessageOutcome;
import org.switchboard.cases.CustomerRef;
import org.switchboard.cases.DeliveryStatus;
import org.switchboard.cases.Direction;
import org.switchboard.cases.InboundFile;
import org.switchboard.cases.InteractionEnded;
import org.switchboard.cases.InteractionId;
import org.switchboard.cases.InteractionStarted;
import org.switchboard.cases.InteractionState;
import org.switchboard.cases.InteractionView;
import org.switchboard.cases.LinkKind;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.MessageId;
import org.switchboard.cases.MessageReceived;
import org.switchboard.cases.MessageSent;
import org.switchboard.cases.MessageView;
import org.switchboard.cases.NoteAdded;
import org.switchboard.cases.OpenCase;
import org.switchboard.cases.OpenedCase;
import org.switchboard.cases.Party;
import org.switchboard.cases.PendingReason;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueCounts;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueId;
import org.switchboard.cases.QueueRef;
import org.switchboard.cases.StoredAttachment;
import org.switchboard.cases.TimelineEntry;
import org.switchboard.cases.Visibility;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.CustomerSummary;
import org.switchboard.customer.Customers;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;
import org.switchboard.identity.Role;
import org.switchboard.identity.UserId;
import org.switchboard.identity.UserSummary;
import org.switchboard.identity.Users;
import org.switchboard.platform.ETags;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Page;
import org.switchboard.platform.RuleViolationException;
import org.switchboard.platform.StaleVersionException;

/**
 * The case core. Every command locks the case row ({@code for update}), writes the change, its
 * {@code case_activity} rows and its events in one transaction. Reads batch-load customers, queues
 * and users per page or per case, so the number of statements does not grow with the data.
 */
@Service
class CaseService implements Cases {

    static final int MAX_SUBJECT = 250;
    static final int MAX_TEXT = 100_000;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final java.time.Clock clock;
    private final CasesProperties properties;
    private final Customers customers;
    private final QueueDirectory queues;
    private final Users users;
    private final AuditLog audit;
    private final HtmlSanitizer sanitizer;
    private final AttachmentStorage storage;
    private final CaseLists lists;
    private final Pattern numberPattern;

    CaseService(
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            java.time.Clock clock,
            CasesProperties properties,
            Customers customers,
            QueueDirectory queues,
            Users users,
            AuditLog audit,
            HtmlSanitizer sanitizer,
            AttachmentStorage storage,
            CaseLists lists) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
        this.customers = customers;
        this.queues = queues;
        this.users = users;
        this.audit = audit;
        this.sanitizer = sanitizer;
        this.storage = storage;
        this.lists = lists;
        this.numberPattern = Pattern.compile(
                "^(?:" + Pattern.quote(properties.numberPrefix()) + ")?(\\d{1,18})$", Pattern.CASE_INSENSITIVE);
    }

    // ---------------------------------------------------------------- reads

    @Override
    @Transactional(readOnly = true)
    public CaseView get(String idOrNumber, @Nullable Actor actor) {
        return view(visible(resolve(idOrNumber), actor));
    }

    @Override
    @Transactional(readOnly = true)
    public CaseView get(CaseId id, @Nullable Actor actor) {
        return view(visible(row(id, false), actor));
    }

    @Override
    @Transactional(readOnly = true)
    public Page<CaseSummary> list(CaseFilter filter, @Nullable Actor actor) {
        return lists.list(filter, scope(actor));
    }

    @Override
    @Transactional(readOnly = true)
    public long count(CaseFilter filter, @Nullable Actor actor) {
        return lists.count(filter, scope(actor));
    }

    @Override
    @Transactional(readOnly = true)
    public Map<QueueId, QueueCounts> countByQueue(Set<QueueId> queues, @Nullable Actor actor) {
        return lists.countByQueue(queues, scope(actor));
    }

    @Override
    @Transactional
    public int assignInteractions(CaseId id, UserId agent) {
        // one statement on the routing's hot path; the case is looked up only when nothing was assigned
        int assigned = jdbc.sql("update case_interaction set agent_id = ? where case_id = ? and state = 'active'")
                .params(agent.value(), id.value())
                .update();
        if (assigned == 0) {
            row(id, false);
        }
        return assigned;
    }

    @Override
    @Transactional(readOnly = true)
    public List<InteractionView> interactions(CaseId id, @Nullable Actor actor) {
        visible(row(id, false), actor);
        var rows = interactionRows(id);
        var agents = users.findAll(rows.stream()
                .map(InteractionRow::agent)
                .filter(Objects::nonNull)
                .collect(java.util.stream.Collectors.toSet()));
        return rows.stream().map(r -> r.view(agents)).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<MessageView> messages(CaseId id, @Nullable Actor actor) {
        CaseRow row = visible(row(id, false), actor);
        return messageViews(row, messageRows(id));
    }

    @Override
    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(CaseId id, @Nullable Actor actor) {
        CaseRow row = visible(row(id, false), actor);
        var messages = messageRows(id);
        var interactions = interactionRows(id);
        var activities = jdbc.sql("""
                        select at, actor_kind, actor_id, type, field, from_value, to_value
                        from case_activity where case_id = ? order by id""")
                .param(id.value())
                .query((rs, n) -> new ActivityRow(
                        CaseRow.instant(rs, "at"),
                        AuthorKind.of(rs.getString("actor_kind")),
                        rs.getObject("actor_id", UUID.class),
                        rs.getString("type"),
                        rs.getString("field"),
                        rs.getString("from_value"),
                        rs.getString("to_value")))
                .list();
        Set<UserId> userIds = new HashSet<>();
        messages.stream()
                .filter(m -> m.authorKind() == AuthorKind.AGENT && m.authorId() != null)
                .forEach(m -> userIds.add(new UserId(m.authorId())));
        interactions.stream()
                .map(InteractionRow::agent)
                .filter(Objects::nonNull)
                .forEach(userIds::add);
        activities.stream()
                .filter(a -> a.actorKind() == AuthorKind.AGENT && a.actorId() != null)
                .forEach(a -> userIds.add(new UserId(a.actorId())));
        Map<UserId, UserSummary> agents = users.findAll(userIds);
        CustomerRef customer = customerRef(row, customers.find(row.customerId()).orElse(null));
        var attachments = attachmentsOf(messages.stream().map(MessageRow::id).toList());

        List<TimelineEntry> entries = new ArrayList<>();
        for (ActivityRow a : activities) {
            entries.add(new TimelineEntry(
                    a.type(),
                    a.at(),
                    party(a.actorKind(), a.actorId(), agents, customer),
                    null,
                    null,
                    a.field(),
                    a.from(),
                    a.to()));
        }
        for (InteractionRow i : interactions) {
            InteractionView view = i.view(agents);
            Party by = i.direction() == Direction.INBOUND && i.agent() == null
                    ? new Party(AuthorKind.CUSTOMER, customer.id().toString(), customer.name())
                    : party(
                            AuthorKind.AGENT,
                            i.agent() == null ? null : i.agent().value(),
                            agents,
                            customer);
            entries.add(new TimelineEntry("interaction", i.startedAt(), by, null, view, null, null, null));
        }
        for (MessageRow m : messages) {
            MessageView view = m.view(party(m.authorKind(), m.authorId(), agents, customer), attachments);
            entries.add(new TimelineEntry(
                    m.visibility() == Visibility.INTERNAL ? "note" : "message",
                    m.createdAt(),
                    view.author(),
                    view,
                    null,
                    null,
                    null,
                    null));
        }
        entries.sort(java.util.Comparator.comparing(TimelineEntry::at)); // stable: activity, interaction, message
        return entries;
    }

    @Override
    @Transactional(readOnly = true)
    public StoredAttachment attachment(AttachmentId id, @Nullable Actor actor) {
        var found = jdbc.sql("select " + ATTACHMENT_COLUMNS + " from case_attachment where id = ?")
                .param(id.value())
                .query(CaseService::mapAttachment)
                .optional()
                .orElseThrow(() -> new NotFoundException("attachment", id));
        visible(row(found.caseId(), false), actor, () -> new NotFoundException("attachment", id));
        String sha256 = found.sha256();
        return new StoredAttachment(found, () -> storage.open(sha256));
    }

    // ---------------------------------------------------------------- commands

    @Override
    @Transactional
    public CaseView open(OpenCase command, @Nullable Actor actor) {
        return openCase(command, actor).view();
    }

    @Override
    @Transactional
    public OpenedCase openCase(OpenCase command, @Nullable Actor actor) {
        String subject = subject(command.subject());
        Content content = content(command.firstMessage(), "message.");
        if (!command.firstMessage().attachments().isEmpty()) {
            throw new InvalidInputException(
                    "message.attachments", "attachments are uploaded to a case once it is open");
        }
        CustomerSummary customer = customers
                .find(command.customer())
                .orElseThrow(() -> new InvalidInputException("customer", "no such customer"));
        QueueRef queue = command.queue() == null ? null : queue(command.queue());
        Priority priority = command.priority() == null ? Priority.NORMAL : command.priority();
        Channel channel = command.channel() == null ? Channel.API : command.channel();
        Instant now = now();
        List<CaseEvent> published = new ArrayList<>();
        CaseRow row = insertCase(
                subject,
                customer.id(),
                customer.name(),
                queue == null ? null : queue.id(),
                priority,
                channel,
                tags(command.tags()),
                blankToNull(command.category()),
                now,
                actor,
                published);
        InteractionId interaction = insertInteraction(row.id(), channel, Direction.INBOUND, null, now, null);
        published.add(new InteractionStarted(header(row, interaction, actor, now), Direction.INBOUND));
        MessageId message = insertMessage(
                row.id(), interaction, AuthorKind.CUSTOMER, customer.id().value(), Visibility.PUBLIC, content, now);
        published.add(new MessageReceived(
                header(row, interaction, actor, now),
                message,
                command.firstMessage().files().size()));
        published.forEach(events::publishEvent);
        return new OpenedCase(view(row, customer, queue, null, List.of()), message);
    }

    @Override
    @Transactional
    public CaseView change(CaseId id, CaseChange change, @Nullable Long expectedVersion, @Nullable Actor actor) {
        CaseRow row = visible(row(id, true), actor);
        ETags.check(expectedVersion, row.version(), "case", row.number(properties.numberPrefix()));
        Instant now = now();
        var activities = new ArrayList<ActivityRow>();
        var pending = new ArrayList<java.util.function.Function<CaseRow, CaseEvent>>();

        CaseStatus status = row.status();
        PendingReason reason = row.pendingReason();
        String disposition = row.disposition();
        Instant resolvedAt = row.resolvedAt();
        Instant closedAt = row.closedAt();
        boolean anyChange = change.status() != null && change.status() != row.status()
                || change.pendingReason() != null && change.pendingReason() != row.pendingReason()
                || change.priority() != null && change.priority() != row.priority()
                || change.queue() != null && !change.queue().equals(row.queueId())
                || change.assignee() != null
                        && !Objects.equals(change.assignee().orElse(null), row.assigneeId())
                || change.tags() != null && !tags(change.tags()).equals(row.tags())
                || change.category() != null && !Objects.equals(blankToNull(change.category()), row.category())
                || change.disposition() != null
                        && !Objects.equals(blankToNull(change.disposition()), row.disposition());
        if (!anyChange) {
            return view(row);
        }
        if (row.status() == CaseStatus.CLOSED) {
            throw new RuleViolationException("Case " + row.number(properties.numberPrefix())
                    + " is closed; a closed case cannot be changed or reopened");
        }
        if (change.disposition() != null) {
            disposition = blankToNull(change.disposition());
        }
        if (change.status() != null && change.status() != row.status()) {
            CaseStatus target = change.status();
            if (!row.status().canChangeTo(target)) {
                throw new RuleViolationException("A " + row.status().wire() + " case cannot become " + target.wire()
                        + "; allowed: "
                        + row.status().next().stream().map(CaseStatus::wire).toList());
            }
            status = target;
            if (target == CaseStatus.PENDING) {
                reason = change.pendingReason();
                if (reason == null) {
                    throw new InvalidInputException(
                            "pendingReason",
                            "is required for a pending case (waiting_on_customer or waiting_on_third_party)");
                }
            } else {
                reason = null;
            }
            if (target == CaseStatus.RESOLVED) {
                if (disposition == null) {
                    throw new InvalidInputException("disposition", "is required to resolve a case");
                }
                resolvedAt = now;
                String resolvedWith = disposition;
                pending.add(r -> new CaseResolved(header(r, null, actor, now), resolvedWith, r.createdAt()));
            }
            if (target == CaseStatus.CLOSED) {
                closedAt = now;
            }
            if (row.status() == CaseStatus.RESOLVED && target == CaseStatus.OPEN) {
                resolvedAt = null;
                pending.add(r -> new CaseReopened(header(r, null, actor, now), CaseStatus.RESOLVED, false));
            }
            activities.add(activity(now, actor, "status", "status", row.status().wire(), target.wire()));
            PendingReason newReason = reason;
            pending.addFirst(r -> new CaseStatusChanged(header(r, null, actor, now), row.status(), target, newReason));
        } else if (change.pendingReason() != null && change.pendingReason() != row.pendingReason()) {
            if (row.status() != CaseStatus.PENDING) {
                throw new InvalidInputException("pendingReason", "only applies to a pending case");
            }
            reason = change.pendingReason();
            activities.add(activity(now, actor, "status", "pendingReason", wire(row.pendingReason()), reason.wire()));
        }
        if (!Objects.equals(disposition, row.disposition())) {
            activities.add(activity(now, actor, "disposition", "disposition", row.disposition(), disposition));
        }
        Priority priority = row.priority();
        if (change.priority() != null && change.priority() != row.priority()) {
            priority = change.priority();
            Priority from = row.priority();
            Priority to = priority;
            activities.add(activity(now, actor, "priority", "priority", from.wire(), to.wire()));
            pending.add(r -> new CasePriorityChanged(header(r, null, actor, now), from, to));
        }
        QueueId queueId = row.queueId();
        if (change.queue() != null && !change.queue().equals(row.queueId())) {
            QueueRef queue = queue(change.queue());
            queueId = queue.id();
            QueueId from = row.queueId();
            activities.add(
                    activity(now, actor, "queue", "queue", str(from), queue.id().toString()));
            pending.add(r -> new CaseQueueChanged(header(r, null, actor, now), from, queue.id()));
        }
        UserId assignee = row.assigneeId();
        if (change.assignee() != null && !Objects.equals(change.assignee().orElse(null), row.assigneeId())) {
            assignee = change.assignee().orElse(null);
            if (assignee != null) {
                UserSummary user =
                        users.find(assignee).orElseThrow(() -> new InvalidInputException("assignee", "no such user"));
                if (!user.active()) {
                    throw new RuleViolationException("User " + user.username() + " is deactivated");
                }
            }
            UserId from = row.assigneeId();
            UserId to = assignee;
            activities.add(activity(now, actor, "assignee", "assignee", str(from), str(to)));
            pending.add(r -> new CaseAssigned(header(r, null, actor, now), from, to));
        }
        List<String> tags = row.tags();
        if (change.tags() != null && !tags(change.tags()).equals(row.tags())) {
            tags = tags(change.tags());
            var added = tags.stream().filter(t -> !row.tags().contains(t)).toList();
            var removed = row.tags().stream()
                    .filter(t -> !tags(change.tags()).contains(t))
                    .toList();
            activities.add(activity(now, actor, "tags", "tags", String.join(",", row.tags()), String.join(",", tags)));
            pending.add(r -> new CaseTagsChanged(header(r, null, actor, now), added, removed));
        }
        String category = row.category();
        if (change.category() != null && !Objects.equals(blankToNull(change.category()), row.category())) {
            category = blankToNull(change.category());
            activities.add(activity(now, actor, "category", "category", row.category(), category));
        }
        int updated = jdbc.sql("""
                        update support_case set status = ?, pending_reason = ?, priority = ?, queue_id = ?,
                            assignee_id = ?, tags = ?, category = ?, disposition = ?, resolved_at = ?,
                            closed_at = ?, updated_at = ?, version = version + 1
                        where id = ? and version = ?""")
                .params(
                        status.wire(),
                        wire(reason),
                        priority.ordinal(),
                        queueId == null ? null : queueId.value(),
                        assignee == null ? null : assignee.value(),
                        tags.toArray(String[]::new),
                        category,
                        disposition,
                        Sql.ts(resolvedAt),
                        Sql.ts(closedAt),
                        Sql.ts(now),
                        id.value(),
                        row.version())
                .update();
        if (updated != 1) {
            throw new StaleVersionException("case", row.number(properties.numberPrefix()), row.version() + 1);
        }
        CaseRow after = new CaseRow(
                row.id(),
                row.number(),
                row.subject(),
                status,
                reason,
                priority,
                row.channel(),
                row.customerId(),
                row.customerName(),
                queueId,
                assignee,
                tags,
                category,
                disposition,
                row.createdAt(),
                now,
                row.firstResponseAt(),
                resolvedAt,
                closedAt,
                row.mergedInto(),
                row.version() + 1);
        activities.forEach(a -> insertActivity(id, a));
        pending.forEach(p -> events.publishEvent(p.apply(after)));
        return view(after);
    }

    @Override
    @Transactional
    public MessageView reply(CaseId id, MessageDraft draft, Actor actor) {
        CaseRow row = visible(row(id, true), actor);
        if (row.status() == CaseStatus.CLOSED) {
            throw new RuleViolationException(
                    "Case " + row.number(properties.numberPrefix()) + " is closed; it cannot be replied to");
        }
        Content content = content(draft, "");
        Instant now = now();
        List<CaseEvent> published = new ArrayList<>();
        InteractionRow active = jdbc.sql("select " + INTERACTION_COLUMNS
                        + " from case_interaction where case_id = ? and state = 'active'"
                        + " order by started_at desc limit 1")
                .param(id.value())
                .query(CaseService::mapInteraction)
                .optional()
                .orElse(null);
        InteractionId interaction;
        Channel channel;
        if (active != null) {
            interaction = active.id();
            channel = active.channel();
            if (!isLive(channel)) {
                // a message exchange (email, portal, api, social) is answered by the reply
                jdbc.sql("""
                                update case_interaction set state = 'ended', ended_at = ?,
                                    agent_id = coalesce(agent_id, ?) where id = ?""")
                        .params(Sql.ts(now), actor.id().value(), interaction.value())
                        .update();
                published.add(new InteractionEnded(
                        header(row, interaction, actor, now),
                        active.direction(),
                        Duration.between(active.startedAt(), now).toSeconds()));
            }
        } else {
            channel = row.channel();
            interaction =
                    insertInteraction(id, channel, Direction.OUTBOUND, actor.id(), now, isLive(channel) ? null : now);
            published.add(new InteractionStarted(header(row, interaction, actor, now), Direction.OUTBOUND));
            if (!isLive(channel)) {
                published.add(new InteractionEnded(header(row, interaction, actor, now), Direction.OUTBOUND, 0));
            }
        }
        MessageId message =
                insertMessage(id, interaction, AuthorKind.AGENT, actor.id().value(), Visibility.PUBLIC, content, now);
        var attachments = attach(id, message, draft.attachments());
        boolean first = row.firstResponseAt() == null;
        boolean opens = row.status() == CaseStatus.NEW;
        jdbc.sql("""
                        update support_case set first_response_at = coalesce(first_response_at, ?),
                            status = ?, updated_at = ?, version = version + ?
                        where id = ?""")
                .params(
                        Sql.ts(now),
                        opens ? CaseStatus.OPEN.wire() : row.status().wire(),
                        Sql.ts(now),
                        opens ? 1 : 0,
                        id.value())
                .update();
        if (opens) {
            insertActivity(id, activity(now, actor, "status", "status", CaseStatus.NEW.wire(), CaseStatus.OPEN.wire()));
            published.add(new CaseStatusChanged(header(row, null, actor, now), CaseStatus.NEW, CaseStatus.OPEN, null));
        }
        published.add(new MessageSent(header(row, interaction, actor, now), message, attachments.size(), first));
        published.forEach(events::publishEvent);
        return new MessageView(
                message,
                id,
                interaction,
                channel,
                agentParty(actor),
                Visibility.PUBLIC,
                content.text(),
                content.html(),
                attachments,
                now);
    }

    @Override
    @Transactional
    public MessageView automaticReply(CaseId id, Channel channel, MessageDraft draft) {
        CaseRow row = row(id, true);
        Content content = content(draft, "");
        Instant now = now();
        InteractionRow latest = jdbc.sql("select " + INTERACTION_COLUMNS
                        + " from case_interaction where case_id = ? and channel = ? order by started_at desc limit 1")
                .params(id.value(), channel.wire())
                .query(CaseService::mapInteraction)
                .optional()
                .orElse(null);
        InteractionId interaction =
                latest != null ? latest.id() : insertInteraction(id, channel, Direction.OUTBOUND, null, now, now);
        MessageId message = insertMessage(id, interaction, AuthorKind.SYSTEM, null, Visibility.PUBLIC, content, now);
        jdbc.sql("update support_case set updated_at = ? where id = ?")
                .params(Sql.ts(now), row.id().value())
                .update();
        MessageRow written = jdbc.sql("select " + MESSAGE_COLUMNS
                        + " from case_message m join case_interaction i on i.id = m.interaction_id where m.id = ?")
                .param(message.value())
                .query(CaseService::mapMessage)
                .single();
        return messageViews(row, List.of(written)).getFirst();
    }

    @Override
    @Transactional
    public MessageView note(CaseId id, MessageDraft draft, Actor actor) {
        CaseRow row = visible(row(id, true), actor);
        Content content = content(draft, "");
        Instant now = now();
        InteractionRow latest = jdbc.sql("select " + INTERACTION_COLUMNS
                        + " from case_interaction where case_id = ? order by started_at desc limit 1")
                .param(id.value())
                .query(CaseService::mapInteraction)
                .single();
        MessageId message =
                insertMessage(id, latest.id(), AuthorKind.AGENT, actor.id().value(), Visibility.INTERNAL, content, now);
        var attachments = attach(id, message, draft.attachments());
        jdbc.sql("update support_case set updated_at = ? where id = ?")
                .params(Sql.ts(now), id.value())
                .update();
        events.publishEvent(new NoteAdded(header(row, latest.id(), actor, now), message));
        return new MessageView(
                message,
                id,
                latest.id(),
                latest.channel(),
                agentParty(actor),
                Visibility.INTERNAL,
                content.text(),
                content.html(),
                attachments,
                now);
    }

    @Override
    @Transactional
    public CustomerMessageOutcome receiveCustomerMessage(CaseId id, Channel channel, MessageDraft draft) {
        CaseRow row = row(id, true);
        for (int hops = 0; row.mergedInto() != null && hops < 10; hops++) {
            row = row(row.mergedInto(), true);
        }
        Content content = content(draft, "");
        Instant now = now();
        List<CaseEvent> published = new ArrayList<>();
        boolean withinWindow = row.status() == CaseStatus.RESOLVED
                && row.resolvedAt() != null
                && !now.isAfter(row.resolvedAt().plus(properties.reopenWindow()));
        if (row.status() == CaseStatus.CLOSED || (row.status() == CaseStatus.RESOLVED && !withinWindow)) {
            CaseRow previous = row;
            CaseRow followUp = insertCase(
                    previous.subject(),
                    previous.customerId(),
                    previous.customerName(),
                    previous.queueId(),
                    previous.priority(),
                    channel,
                    List.of(),
                    previous.category(),
                    now,
                    null,
                    published);
            insertLink(followUp, previous, LinkKind.FOLLOW_UP, now, null, published);
            MessageId message = appendCustomerMessage(followUp, channel, content, draft, now, published);
            published.forEach(events::publishEvent);
            return new CustomerMessageOutcome.FollowUpOpened(followUp.id(), message, previous.id());
        }
        CaseStatus to = row.status();
        if (row.status() == CaseStatus.RESOLVED) {
            to = CaseStatus.OPEN;
        } else if (row.status() == CaseStatus.PENDING && row.pendingReason() == PendingReason.WAITING_ON_CUSTOMER) {
            to = CaseStatus.OPEN;
        }
        if (to != row.status()) {
            jdbc.sql("""
                            update support_case set status = ?, pending_reason = null, resolved_at = null,
                                updated_at = ?, version = version + 1 where id = ?""").params(to.wire(), Sql.ts(now), row.id().value()).update();
            insertActivity(
                    row.id(),
                    new ActivityRow(
                            now,
                            AuthorKind.CUSTOMER,
                            row.customerId().value(),
                            row.status() == CaseStatus.RESOLVED ? "reopened" : "status",
                            "status",
                            row.status().wire(),
                            to.wire()));
            published.add(new CaseStatusChanged(header(row, null, null, now), row.status(), to, null));
            if (row.status() == CaseStatus.RESOLVED) {
                published.add(new CaseReopened(header(row, null, null, now), CaseStatus.RESOLVED, true));
            }
        }
        MessageId message = appendCustomerMessage(row, channel, content, draft, now, published);
        published.forEach(events::publishEvent);
        return to == CaseStatus.OPEN && row.status() == CaseStatus.RESOLVED
                ? new CustomerMessageOutcome.Reopened(row.id(), message)
                : new CustomerMessageOutcome.Appended(row.id(), message);
    }

    private MessageId appendCustomerMessage(
            CaseRow row, Channel channel, Content content, MessageDraft draft, Instant now, List<CaseEvent> published) {
        InteractionId interaction = jdbc.sql("""
                        select id from case_interaction where case_id = ? and state = 'active' and channel = ?
                        order by started_at desc limit 1""")
                .params(row.id().value(), channel.wire())
                .query((rs, n) -> new InteractionId(rs.getObject("id", UUID.class)))
                .optional()
                .orElse(null);
        if (interaction == null) {
            interaction = insertInteraction(row.id(), channel, Direction.INBOUND, null, now, null);
            published.add(new InteractionStarted(header(row, interaction, null, now), Direction.INBOUND));
        }
        MessageId message = insertMessage(
                row.id(), interaction, AuthorKind.CUSTOMER, row.customerId().value(), Visibility.PUBLIC, content, now);
        var attachments = attach(row.id(), message, draft.attachments());
        jdbc.sql("update support_case set updated_at = ? where id = ?")
                .params(Sql.ts(now), row.id().value())
                .update();
        published.add(new MessageReceived(
                header(row, interaction, null, now),
                message,
                attachments.size() + draft.files().size()));
        return message;
    }

    @Override
    @Transactional
    public InteractionView startInteraction(CaseId id, Channel channel, Direction direction, @Nullable Actor actor) {
        CaseRow row = visible(row(id, true), actor);
        if (row.status() == CaseStatus.CLOSED) {
            throw new RuleViolationException("Case " + row.number(properties.numberPrefix()) + " is closed");
        }
        Instant now = now();
        UserId agent = actor == null ? null : actor.id();
        InteractionId interaction = insertInteraction(id, channel, direction, agent, now, null);
        jdbc.sql("update support_case set updated_at = ? where id = ?")
                .params(Sql.ts(now), id.value())
                .update();
        events.publishEvent(new InteractionStarted(header(row, interaction, actor, now), direction));
        return new InteractionView(
                interaction,
                id,
                channel,
                direction,
                InteractionState.ACTIVE,
                actor == null ? null : agentRef(actor),
                now,
                null);
    }

    @Override
    @Transactional
    public InteractionView endInteraction(InteractionId id, @Nullable Actor actor) {
        InteractionRow interaction = jdbc.sql("select " + INTERACTION_COLUMNS + " from case_interaction where id = ?")
                .param(id.value())
                .query(CaseService::mapInteraction)
                .optional()
                .orElseThrow(() -> new NotFoundException("interaction", id));
        CaseRow row = visible(row(interaction.caseId(), true), actor, () -> new NotFoundException("interaction", id));
        if (interaction.state() == InteractionState.ENDED) {
            return interaction.view(
                    users.findAll(interaction.agent() == null ? Set.of() : Set.of(interaction.agent())));
        }
        Instant now = now();
        jdbc.sql("update case_interaction set state = 'ended', ended_at = ? where id = ?")
                .params(Sql.ts(now), id.value())
                .update();
        events.publishEvent(new InteractionEnded(
                header(row, id, actor, now),
                interaction.direction(),
                Duration.between(interaction.startedAt(), now).toSeconds()));
        var ended = new InteractionRow(
                interaction.id(),
                interaction.caseId(),
                interaction.channel(),
                interaction.direction(),
                InteractionState.ENDED,
                interaction.agent(),
                interaction.startedAt(),
                now);
        return ended.view(users.findAll(interaction.agent() == null ? Set.of() : Set.of(interaction.agent())));
    }

    @Override
    @Transactional
    public AttachmentView storeAttachment(CaseId id, String filename, InputStream content, @Nullable Actor actor) {
        CaseRow row = visible(row(id, false), actor);
        AttachmentStorage.Stored stored = storage.store(content);
        if (stored.size() == 0) {
            throw new InvalidInputException("file", "is empty");
        }
        AttachmentId attachment = AttachmentId.newId();
        Instant now = now();
        String name = filename(filename);
        jdbc.sql("""
                        insert into case_attachment (id, case_id, filename, content_type, size, sha256, created_by, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        attachment.value(),
                        row.id().value(),
                        name,
                        stored.contentType(),
                        stored.size(),
                        stored.sha256(),
                        actor == null ? null : actor.id().value(),
                        Sql.ts(now))
                .update();
        return new AttachmentView(
                attachment, id, null, name, stored.contentType(), stored.size(), stored.sha256(), now);
    }

    @Override
    @Transactional
    public CaseView merge(CaseId source, CaseId target, @Nullable Actor actor) {
        requireSupervisor(actor, "Merging cases");
        if (source.equals(target)) {
            throw new RuleViolationException("A case cannot be merged into itself");
        }
        // lock in id order so two opposite merges cannot deadlock
        boolean sourceFirst = source.value().compareTo(target.value()) < 0;
        CaseRow first = visible(row(sourceFirst ? source : target, true), actor);
        CaseRow second = visible(row(sourceFirst ? target : source, true), actor);
        CaseRow from = sourceFirst ? first : second;
        CaseRow into = sourceFirst ? second : first;
        String prefix = properties.numberPrefix();
        if (from.mergedInto() != null) {
            throw new RuleViolationException("Case " + from.number(prefix) + " was already merged");
        }
        if (into.status() == CaseStatus.CLOSED) {
            throw new RuleViolationException(
                    "Case " + into.number(prefix) + " is closed; nothing can be merged into it");
        }
        Instant now = now();
        for (String table : List.of("case_interaction", "case_message", "case_attachment")) {
            jdbc.sql("update " + table + " set case_id = ? where case_id = ?")
                    .params(into.id().value(), from.id().value())
                    .update();
        }
        jdbc.sql("""
                        update support_case set status = 'closed', pending_reason = null, closed_at = ?,
                            merged_into = ?, updated_at = ?, version = version + 1 where id = ?""")
                .params(Sql.ts(now), into.id().value(), Sql.ts(now), from.id().value())
                .update();
        jdbc.sql("""
                        update support_case set updated_at = ?, version = version + 1,
                            first_response_at = coalesce(first_response_at, ?) where id = ?""")
                .params(Sql.ts(now), Sql.ts(from.firstResponseAt()), into.id().value())
                .update();
        insertActivity(from.id(), activity(now, actor, "merged", "mergedInto", null, into.number(prefix)));
        if (from.status() != CaseStatus.CLOSED) {
            insertActivity(
                    from.id(),
                    activity(now, actor, "status", "status", from.status().wire(), "closed"));
            events.publishEvent(
                    new CaseStatusChanged(header(from, null, actor, now), from.status(), CaseStatus.CLOSED, null));
        }
        insertActivity(
                into.id(), activity(now, actor, "merged", "mergedFrom", from.number(prefix), into.number(prefix)));
        events.publishEvent(new CasesMerged(header(into, null, actor, now), from.id(), from.number(prefix)));
        audit.record(
                actor,
                "case.merged",
                "case",
                into.id().toString(),
                Map.of("source", from.id().toString()));
        return view(row(into.id(), false));
    }

    @Override
    @Transactional
    public CaseView split(CaseId source, MessageId message, Actor actor) {
        CaseRow row = visible(row(source, true), actor);
        if (row.status() == CaseStatus.CLOSED) {
            throw new RuleViolationException("Case " + row.number(properties.numberPrefix()) + " is closed");
        }
        MessageRow moved = messageRows(source).stream()
                .filter(m -> m.id().equals(message))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("messageId", "is not a message of this case"));
        long count = jdbc.sql("select count(*) from case_message where case_id = ?")
                .param(source.value())
                .query(Long.class)
                .single();
        if (count < 2) {
            throw new RuleViolationException("The only message of a case cannot be split off");
        }
        Instant now = now();
        List<CaseEvent> published = new ArrayList<>();
        CaseRow created = insertCase(
                row.subject(),
                row.customerId(),
                row.customerName(),
                row.queueId(),
                row.priority(),
                moved.channel(),
                row.tags(),
                row.category(),
                now,
                actor,
                published);
        InteractionId interaction = insertInteraction(
                created.id(),
                moved.channel(),
                moved.authorKind() == AuthorKind.CUSTOMER ? Direction.INBOUND : Direction.OUTBOUND,
                null,
                moved.createdAt(),
                moved.createdAt());
        jdbc.sql("update case_message set case_id = ?, interaction_id = ? where id = ?")
                .params(created.id().value(), interaction.value(), message.value())
                .update();
        jdbc.sql("update case_attachment set case_id = ? where message_id = ?")
                .params(created.id().value(), message.value())
                .update();
        jdbc.sql("update support_case set updated_at = ? where id = ?")
                .params(Sql.ts(now), source.value())
                .update();
        insertLink(created, row, LinkKind.SPLIT, now, actor, published);
        insertActivity(
                source,
                activity(
                        now, actor, "split", "message", message.toString(), created.number(properties.numberPrefix())));
        published.add(new CaseSplit(header(created, interaction, actor, now), source, message));
        published.forEach(events::publishEvent);
        audit.record(
                actor,
                "case.split",
                "case",
                source.toString(),
                Map.of("into", created.id().toString()));
        return view(row(created.id(), false));
    }

    @Override
    @Transactional
    public CaseView link(CaseId id, CaseId other, LinkKind kind, Actor actor) {
        if (id.equals(other)) {
            throw new RuleViolationException("A case cannot be linked to itself");
        }
        CaseRow row = visible(row(id, false), actor);
        CaseRow linked = visible(row(other, false), actor, () -> new InvalidInputException("caseId", "no such case"));
        List<CaseEvent> published = new ArrayList<>();
        insertLink(row, linked, kind, now(), actor, published);
        published.forEach(events::publishEvent);
        return view(row);
    }

    @Override
    @Transactional
    public void addParticipants(CaseId id, List<CaseParticipant> participants) {
        CaseRow row = row(id, false);
        String customerEmail =
                customers.find(row.customerId()).map(CustomerSummary::email).orElse(null);
        Instant now = now();
        for (CaseParticipant p : participants) {
            if (p.identity().value().equalsIgnoreCase(customerEmail == null ? "" : customerEmail)) {
                continue;
            }
            int added = jdbc.sql("""
                            insert into case_participant (case_id, kind, address, name, role, created_at)
                            values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                    .params(
                            id.value(),
                            p.identity().kind().wireName(),
                            p.identity().value(),
                            p.name(),
                            p.role(),
                            Sql.ts(now))
                    .update();
            if (added > 0) {
                insertActivity(
                        id,
                        activity(
                                now,
                                null,
                                "participant",
                                p.role(),
                                null,
                                p.identity().value()));
            }
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<CaseParticipant> participants(CaseId id) {
        return jdbc.sql("""
                        select kind, address, name, role, created_at from case_participant
                        where case_id = ? order by created_at, address""")
                .param(id.value())
                .query((rs, n) -> new CaseParticipant(
                        new ChannelIdentity(
                                ChannelIdentity.Kind.fromWire(rs.getString("kind")), rs.getString("address")),
                        rs.getString("name"),
                        rs.getString("role"),
                        CaseRow.instant(rs, "created_at")))
                .list();
    }

    @Override
    @Transactional
    public void recordDelivery(
            MessageId message, DeliveryStatus status, @Nullable String detail, @Nullable String externalId) {
        var current = jdbc.sql("select case_id, delivery_status from case_message where id = ? for update")
                .param(message.value())
                .query((rs, n) -> new Object[] {rs.getObject("case_id", UUID.class), rs.getString("delivery_status")})
                .optional()
                .orElseThrow(() -> new NotFoundException("message", message));
        jdbc.sql("""
                        update case_message set delivery_status = ?, delivery_detail = ?,
                            external_id = coalesce(?, external_id) where id = ?""").params(status.wire(), detail, externalId, message.value()).update();
        if (!status.wire().equals(current[1])) {
            insertActivity(
                    new CaseId((UUID) current[0]),
                    activity(now(), null, "delivery", "delivery", (String) current[1], status.wire()));
        }
    }

    @Override
    @Transactional(readOnly = true)
    public MessageView message(MessageId id, @Nullable Actor actor) {
        MessageRow found = jdbc.sql("select " + MESSAGE_COLUMNS
                        + " from case_message m join case_interaction i on i.id = m.interaction_id where m.id = ?")
                .param(id.value())
                .query(CaseService::mapMessage)
                .optional()
                .orElseThrow(() -> new NotFoundException("message", id));
        CaseRow row = visible(row(found.caseId(), false), actor, () -> new NotFoundException("message", id));
        return messageViews(row, List.of(found)).getFirst();
    }

    // ---------------------------------------------------------------- helpers

    private void insertLink(
            CaseRow row, CaseRow other, LinkKind kind, Instant now, @Nullable Actor actor, List<CaseEvent> published) {
        int inserted = jdbc.sql("""
                        insert into case_link (case_id, other_id, kind, created_at) values (?, ?, ?, ?), (?, ?, ?, ?)
                        on conflict do nothing""")
                .params(
                        row.id().value(),
                        other.id().value(),
                        kind.wire(),
                        Sql.ts(now),
                        other.id().value(),
                        row.id().value(),
                        kind.wire(),
                        Sql.ts(now))
                .update();
        if (inserted > 0) {
            String prefix = properties.numberPrefix();
            insertActivity(row.id(), activity(now, actor, "linked", kind.wire(), null, other.number(prefix)));
            insertActivity(other.id(), activity(now, actor, "linked", kind.wire(), null, row.number(prefix)));
            published.add(new CasesLinked(header(row, null, actor, now), other.id(), kind));
        }
    }

    private CaseRow insertCase(
            String subject,
            CustomerId customer,
            @Nullable String customerName,
            @Nullable QueueId queue,
            Priority priority,
            Channel channel,
            List<String> tags,
            @Nullable String category,
            Instant now,
            @Nullable Actor actor,
            List<CaseEvent> published) {
        CaseId id = CaseId.newId();
        long number = jdbc.sql("""
                        insert into support_case (id, subject, status, priority, channel, customer_id, customer_name,
                            queue_id, tags, category, created_at, updated_at)
                        values (?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?) returning number""")
                .params(
                        id.value(),
                        subject,
                        priority.ordinal(),
                        channel.wire(),
                        customer.value(),
                        customerName,
                        queue == null ? null : queue.value(),
                        tags.toArray(String[]::new),
                        category,
                        Sql.ts(now),
                        Sql.ts(now))
                .query(Long.class)
                .single();
        CaseRow row = new CaseRow(
                id,
                number,
                subject,
                CaseStatus.NEW,
                null,
                priority,
                channel,
                customer,
                customerName,
                queue,
                null,
                tags,
                category,
                null,
                now,
                now,
                null,
                null,
                null,
                null,
                0);
        insertActivity(id, activity(now, actor, "created", "status", null, CaseStatus.NEW.wire()));
        published.add(new CaseOpened(
                header(row, null, actor, now),
                row.number(properties.numberPrefix()),
                subject,
                priority,
                CaseStatus.NEW));
        return row;
    }

    private InteractionId insertInteraction(
            CaseId caseId,
            Channel channel,
            Direction direction,
            @Nullable UserId agent,
            Instant startedAt,
            @Nullable Instant endedAt) {
        InteractionId id = InteractionId.newId();
        jdbc.sql("""
                        insert into case_interaction (id, case_id, channel, direction, state, agent_id, started_at, ended_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id.value(),
                        caseId.value(),
                        channel.wire(),
                        direction.wire(),
                        endedAt == null ? "active" : "ended",
                        agent == null ? null : agent.value(),
                        Sql.ts(startedAt),
                        Sql.ts(endedAt))
                .update();
        return id;
    }

    private MessageId insertMessage(
            CaseId caseId,
            InteractionId interaction,
            AuthorKind author,
            @Nullable UUID authorId,
            Visibility visibility,
            Content content,
            Instant now) {
        MessageId id = MessageId.newId();
        jdbc.sql("""
                        insert into case_message (id, case_id, interaction_id, author_kind, author_id, visibility,
                            body_text, body_html, created_at, external_id, threaded_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        id.value(),
                        caseId.value(),
                        interaction.value(),
                        author.wire(),
                        authorId,
                        visibility.wire(),
                        content.text(),
                        content.html(),
                        Sql.ts(now),
                        content.reference() == null ? null : content.reference().externalId(),
                        content.reference() == null ? null : content.reference().threadedBy())
                .update();
        for (InboundFile file : content.files()) {
            storeFile(caseId, id, file, now);
        }
        return id;
    }

    /** A file that came with a channel message, stored and attached to it at once. */
    private void storeFile(CaseId caseId, MessageId message, InboundFile file, Instant now) {
        AttachmentStorage.Stored stored = storage.store(file.content());
        jdbc.sql("""
                        insert into case_attachment (id, case_id, message_id, filename, content_type, size, sha256,
                            created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        AttachmentId.newId().value(),
                        caseId.value(),
                        message.value(),
                        filename(file.filename()),
                        stored.contentType(),
                        stored.size(),
                        stored.sha256(),
                        Sql.ts(now))
                .update();
    }

    private List<AttachmentView> attach(CaseId caseId, MessageId message, List<AttachmentId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Set<UUID> distinct = new LinkedHashSet<>();
        ids.forEach(a -> distinct.add(a.value()));
        int updated = jdbc.sql("""
                        update case_attachment set message_id = ?
                        where id = any(?::uuid[]) and case_id = ? and message_id is null""")
                .params(message.value(), Sql.uuids(distinct), caseId.value())
                .update();
        if (updated != distinct.size()) {
            throw new InvalidInputException(
                    "attachments", "must be attachments uploaded to this case and not yet used in a message");
        }
        return attachmentsOf(List.of(message)).getOrDefault(message, List.of());
    }

    private void insertActivity(CaseId caseId, ActivityRow a) {
        jdbc.sql("""
                        insert into case_activity (case_id, at, actor_kind, actor_id, type, field, from_value, to_value)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        caseId.value(),
                        Sql.ts(a.at()),
                        a.actorKind().wire(),
                        a.actorId(),
                        a.type(),
                        a.field(),
                        a.from(),
                        a.to())
                .update();
    }

    private static ActivityRow activity(
            Instant at,
            @Nullable Actor actor,
            String type,
            @Nullable String field,
            @Nullable String from,
            @Nullable String to) {
        return new ActivityRow(
                at,
                actor == null ? AuthorKind.SYSTEM : AuthorKind.AGENT,
                actor == null ? null : actor.id().value(),
                type,
                field,
                from,
                to);
    }

    private CaseEventHeader header(
            CaseRow row, @Nullable InteractionId interaction, @Nullable Actor actor, Instant at) {
        return new CaseEventHeader(
                UUID.randomUUID(),
                at,
                row.id(),
                interaction,
                actor != null ? actor.id() : row.assigneeId(),
                row.queueId(),
                row.channel(),
                row.customerId());
    }

    CaseRow row(CaseId id, boolean lock) {
        return jdbc.sql("select " + CaseRow.COLUMNS + " from support_case where id = ?" + (lock ? " for update" : ""))
                .param(id.value())
                .query(CaseRow::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("case", id));
    }

    private CaseRow resolve(String idOrNumber) {
        var matcher = numberPattern.matcher(idOrNumber.trim());
        if (matcher.matches()) {
            long number = Long.parseLong(matcher.group(1));
            return jdbc.sql("select " + CaseRow.COLUMNS + " from support_case where number = ?")
                    .param(number)
                    .query(CaseRow::map)
                    .optional()
                    .orElseThrow(() -> new NotFoundException("case", idOrNumber));
        }
        return row(CaseId.parse(idOrNumber), false);
    }

    private CaseRow visible(CaseRow row, @Nullable Actor actor) {
        return visible(row, actor, () -> new NotFoundException("case", row.id()));
    }

    private CaseRow visible(
            CaseRow row, @Nullable Actor actor, java.util.function.Supplier<RuntimeException> otherwise) {
        if (!scope(actor).sees(row)) {
            throw otherwise.get();
        }
        return row;
    }

    CaseLists.Scope scope(@Nullable Actor actor) {
        if (actor == null || actor.seesAllQueues()) {
            return CaseLists.Scope.ALL;
        }
        var owned =
                queues.ownedBy(actor.teams()).stream().map(q -> q.id().value()).toList();
        return new CaseLists.Scope(false, owned, actor.id().value());
    }

    private static void requireSupervisor(@Nullable Actor actor, String what) {
        if (actor != null && !actor.isAtLeast(Role.SUPERVISOR)) {
            throw new AccessDeniedException(what + " needs a supervisor");
        }
    }

    private QueueRef queue(QueueId id) {
        return queues.find(id).orElseThrow(() -> new InvalidInputException("queue", "no such queue"));
    }

    CaseView view(CaseRow row) {
        CustomerSummary customer = customers.find(row.customerId()).orElse(null);
        QueueRef queue =
                row.queueId() == null ? null : queues.find(row.queueId()).orElse(null);
        AgentRef assignee = row.assigneeId() == null
                ? null
                : users.find(row.assigneeId()).map(CaseService::agentRef).orElse(null);
        String prefix = properties.numberPrefix();
        List<CaseLink> links = jdbc.sql("""
                        select l.other_id, c.number, l.kind from case_link l join support_case c on c.id = l.other_id
                        where l.case_id = ? order by l.created_at, c.number""")
                .param(row.id().value())
                .query((rs, n) -> new CaseLink(
                        new CaseId(rs.getObject("other_id", UUID.class)),
                        prefix + rs.getLong("number"),
                        LinkKind.of(rs.getString("kind"))))
                .list();
        return view(row, customer, queue, assignee, links);
    }

    private CaseView view(
            CaseRow row,
            @Nullable CustomerSummary customer,
            @Nullable QueueRef queue,
            @Nullable AgentRef assignee,
            List<CaseLink> links) {
        return new CaseView(
                row.id(),
                row.number(properties.numberPrefix()),
                row.subject(),
                row.status(),
                row.pendingReason(),
                row.priority(),
                row.channel(),
                customerRef(row, customer),
                queue,
                assignee,
                row.tags(),
                row.category(),
                row.disposition(),
                row.createdAt(),
                row.updatedAt(),
                row.firstResponseAt(),
                row.resolvedAt(),
                row.closedAt(),
                row.mergedInto(),
                links,
                row.version());
    }

    static CustomerRef customerRef(CaseRow row, @Nullable CustomerSummary customer) {
        return customer == null
                ? new CustomerRef(row.customerId(), row.customerName(), null)
                : new CustomerRef(customer.id(), customer.name(), customer.email());
    }

    static AgentRef agentRef(UserSummary user) {
        return new AgentRef(user.id(), user.username(), user.displayName());
    }

    private static AgentRef agentRef(Actor actor) {
        return new AgentRef(actor.id(), actor.username(), actor.displayName());
    }

    private static Party agentParty(Actor actor) {
        return new Party(AuthorKind.AGENT, actor.id().toString(), actor.displayName());
    }

    private static Party party(
            AuthorKind kind, @Nullable UUID id, Map<UserId, UserSummary> agents, CustomerRef customer) {
        return switch (kind) {
            case SYSTEM -> Party.SYSTEM;
            case CUSTOMER -> new Party(AuthorKind.CUSTOMER, customer.id().toString(), customer.name());
            case AGENT -> {
                if (id == null) {
                    yield Party.SYSTEM;
                }
                UserSummary user = agents.get(new UserId(id));
                yield new Party(AuthorKind.AGENT, id.toString(), user == null ? null : user.displayName());
            }
        };
    }

    private List<MessageView> messageViews(CaseRow row, List<MessageRow> messages) {
        Set<UserId> authors = new HashSet<>();
        messages.stream()
                .filter(m -> m.authorKind() == AuthorKind.AGENT && m.authorId() != null)
                .forEach(m -> authors.add(new UserId(m.authorId())));
        Map<UserId, UserSummary> agents = users.findAll(authors);
        CustomerRef customer = customerRef(row, customers.find(row.customerId()).orElse(null));
        var attachments = attachmentsOf(messages.stream().map(MessageRow::id).toList());
        return messages.stream()
                .map(m -> m.view(party(m.authorKind(), m.authorId(), agents, customer), attachments))
                .toList();
    }

    private List<MessageRow> messageRows(CaseId id) {
        return jdbc.sql("select " + MESSAGE_COLUMNS
                        + " from case_message m join case_interaction i on i.id = m.interaction_id"
                        + " where m.case_id = ? order by m.created_at, m.id")
                .param(id.value())
                .query(CaseService::mapMessage)
                .list();
    }

    static final String MESSAGE_COLUMNS = "m.id, m.case_id, m.interaction_id, i.channel, m.author_kind,"
            + " m.author_id, m.visibility, m.body_text, m.body_html, m.created_at, m.external_id, m.threaded_by,"
            + " m.delivery_status, m.delivery_detail";

    static MessageRow mapMessage(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String delivery = rs.getString("delivery_status");
        return new MessageRow(
                new MessageId(rs.getObject("id", UUID.class)),
                new CaseId(rs.getObject("case_id", UUID.class)),
                new InteractionId(rs.getObject("interaction_id", UUID.class)),
                Channel.of(rs.getString("channel")),
                AuthorKind.of(rs.getString("author_kind")),
                rs.getObject("author_id", UUID.class),
                Visibility.of(rs.getString("visibility")),
                rs.getString("body_text"),
                rs.getString("body_html"),
                CaseRow.instant(rs, "created_at"),
                rs.getString("external_id"),
                rs.getString("threaded_by"),
                delivery == null ? null : DeliveryStatus.of(delivery),
                rs.getString("delivery_detail"));
    }

    private List<InteractionRow> interactionRows(CaseId id) {
        return jdbc.sql("select " + INTERACTION_COLUMNS
                        + " from case_interaction where case_id = ? order by started_at, id")
                .param(id.value())
                .query(CaseService::mapInteraction)
                .list();
    }

    private Map<MessageId, List<AttachmentView>> attachmentsOf(Collection<MessageId> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        var byMessage = new HashMap<MessageId, List<AttachmentView>>();
        jdbc.sql("select " + ATTACHMENT_COLUMNS
                        + " from case_attachment where message_id = any(?::uuid[]) order by created_at, id")
                .param(Sql.uuids(messages.stream().map(MessageId::value).toList()))
                .query(CaseService::mapAttachment)
                .list()
                .forEach(a -> byMessage
                        .computeIfAbsent(a.messageId(), k -> new ArrayList<>())
                        .add(a));
        return byMessage;
    }

    static final String ATTACHMENT_COLUMNS =
            "id, case_id, message_id, filename, content_type, size, sha256, created_at";

    static AttachmentView mapAttachment(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        UUID message = rs.getObject("message_id", UUID.class);
        return new AttachmentView(
                new AttachmentId(rs.getObject("id", UUID.class)),
                new CaseId(rs.getObject("case_id", UUID.class)),
                message == null ? null : new MessageId(message),
                rs.getString("filename"),
                rs.getString("content_type"),
                rs.getLong("size"),
                rs.getString("sha256"),
                CaseRow.instant(rs, "created_at"));
    }

    static final String INTERACTION_COLUMNS = "id, case_id, channel, direction, state, agent_id, started_at, ended_at";

    static InteractionRow mapInteraction(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        UUID agent = rs.getObject("agent_id", UUID.class);
        return new InteractionRow(
                new InteractionId(rs.getObject("id", UUID.class)),
                new CaseId(rs.getObject("case_id", UUID.class)),
                Channel.of(rs.getString("channel")),
                Direction.of(rs.getString("direction")),
                InteractionState.of(rs.getString("state")),
                agent == null ? null : new UserId(agent),
                CaseRow.instant(rs, "started_at"),
                CaseRow.instant(rs, "ended_at"));
    }

    record InteractionRow(
            InteractionId id,
            CaseId caseId,
            Channel channel,
            Direction direction,
            InteractionState state,
            @Nullable UserId agent,
            Instant startedAt,
            @Nullable Instant endedAt) {
        InteractionView view(Map<UserId, UserSummary> agents) {
            AgentRef ref = agent == null || !agents.containsKey(agent) ? null : agentRef(agents.get(agent));
            return new InteractionView(id, caseId, channel, direction, state, ref, startedAt, endedAt);
        }
    }

    record MessageRow(
            MessageId id,
            CaseId caseId,
            InteractionId interactionId,
            Channel channel,
            AuthorKind authorKind,
            @Nullable UUID authorId,
            Visibility visibility,
            String text,
            @Nullable String html,
            Instant createdAt,
            @Nullable String externalId,
            @Nullable String threadedBy,
            @Nullable DeliveryStatus deliveryStatus,
            @Nullable String deliveryDetail) {
        MessageView view(Party author, Map<MessageId, List<AttachmentView>> attachments) {
            return new MessageView(
                    id,
                    caseId,
                    interactionId,
                    channel,
                    author,
                    visibility,
                    text,
                    html,
                    attachments.getOrDefault(id, List.of()),
                    createdAt,
                    externalId,
                    threadedBy,
                    deliveryStatus,
                    deliveryDetail);
        }
    }

    record ActivityRow(
            Instant at,
            AuthorKind actorKind,
            @Nullable UUID actorId,
            String type,
            @Nullable String field,
            @Nullable String from,
            @Nullable String to) {}

    record Content(
            String text, @Nullable String html, @Nullable ChannelReference reference, List<InboundFile> files) {}

    private Content content(MessageDraft draft, String fieldPrefix) {
        String html = draft.html() == null || draft.html().isBlank() ? null : sanitizer.sanitize(draft.html());
        String text = draft.text();
        if ((text == null || text.isBlank()) && html != null) {
            text = sanitizer.textOf(html);
        }
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(fieldPrefix + "text", "must not be blank");
        }
        if (text.length() > MAX_TEXT) {
            throw new InvalidInputException(fieldPrefix + "text", "must be at most " + MAX_TEXT + " characters");
        }
        return new Content(text, html, draft.reference(), draft.files());
    }

    static String subject(@Nullable String subject) {
        if (subject == null || subject.isBlank()) {
            throw new InvalidInputException("subject", "must not be blank");
        }
        String trimmed = subject.strip();
        if (trimmed.length() > MAX_SUBJECT) {
            throw new InvalidInputException("subject", "must be at most " + MAX_SUBJECT + " characters");
        }
        return trimmed;
    }

    static List<String> tags(@Nullable Collection<String> tags) {
        if (tags == null) {
            return List.of();
        }
        var normalized = new java.util.TreeSet<String>();
        for (String tag : tags) {
            if (tag == null || tag.isBlank()) {
                throw new InvalidInputException("tags", "must not contain blank tags");
            }
            String t = tag.strip().toLowerCase(Locale.ROOT);
            if (t.length() > 50) {
                throw new InvalidInputException("tags", "a tag must be at most 50 characters");
            }
            normalized.add(t);
        }
        return List.copyOf(normalized);
    }

    private static String filename(@Nullable String filename) {
        if (filename == null || filename.isBlank()) {
            return "attachment";
        }
        String name = filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1)
                .replaceAll("[\\p{Cntrl}]", "")
                .strip();
        if (name.isEmpty()) {
            return "attachment";
        }
        return name.length() > 255 ? name.substring(name.length() - 255) : name;
    }

    private static boolean isLive(Channel channel) {
        return channel == Channel.CHAT || channel == Channel.VOICE;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static @Nullable String wire(@Nullable PendingReason reason) {
        return reason == null ? null : reason.wire();
    }

    private static @Nullable String str(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
