package org.switchboard.routing.internal.dispatch;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.CaseOpened;
import org.switchboard.cases.CaseQueueChanged;
import org.switchboard.cases.CaseReopened;
import org.switchboard.cases.CaseResolved;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Channel;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueId;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.Customers;
import org.switchboard.routing.internal.Queue;

/**
 * Turns cases into work items: a new or reopened case (from email, the portal or the API) waits in its
 * queue for an agent; a case moved to another queue moves its waiting item along; a resolved case leaves
 * routing. Listeners run after the case's transaction
 * committed, from Spring Modulith's publication registry, so an event may come again after a crash: the
 * item remembers the event's id and a case has at most one live item, so nothing is enqueued twice.
 */
@Service
public class WorkIntake {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(WorkIntake.class);

    private final Dispatcher dispatcher;
    private final Cases cases;
    private final Customers customers;

    WorkIntake(Dispatcher dispatcher, Cases cases, Customers customers) {
        this.dispatcher = dispatcher;
        this.cases = cases;
        this.customers = customers;
    }

    @ApplicationModuleListener
    void on(CaseOpened event) {
        if (event.queue() != null) {
            enqueueOrLog(
                    event.caseId(),
                    event.queue(),
                    event.channel(),
                    event.priority(),
                    event.customer(),
                    event.occurredAt(),
                    event.eventId(),
                    Dispatcher.NEW_CASE);
        }
    }

    @ApplicationModuleListener
    void on(CaseReopened event) {
        if (event.queue() != null) {
            CaseView view = cases.get(event.caseId(), null);
            enqueueOrLog(
                    event.caseId(),
                    event.queue(),
                    event.channel(),
                    view.priority(),
                    event.customer(),
                    event.occurredAt(),
                    event.eventId(),
                    "case.reopened");
        }
    }

    @ApplicationModuleListener
    void on(CaseQueueChanged event) {
        if (event.queue() != null && dispatcher.queue(event.queue()) != null) {
            dispatcher.caseMoved(event.caseId(), event.queue());
        }
    }

    @ApplicationModuleListener
    void on(CaseResolved event) {
        dispatcher.caseEnded(event.caseId());
    }

    /** A case's work from an event; a full queue that rejects it leaves the case unrouted in its queue. */
    private void enqueueOrLog(
            CaseId caseId,
            QueueId queueId,
            Channel channel,
            Priority priority,
            CustomerId customer,
            Instant enqueuedAt,
            UUID sourceEvent,
            String via) {
        try {
            enqueueCase(caseId, queueId, channel, priority, customer, enqueuedAt, sourceEvent, via);
        } catch (Dispatcher.QueueFullException full) {
            log.warn("Case {} is not routed: {}", caseId, full.getMessage());
        }
    }

    /** Enqueues a case's work; empty when the case has a live item already (or the event was seen). */
    public Optional<WorkItem> enqueueCase(
            CaseId caseId,
            QueueId queueId,
            Channel channel,
            Priority priority,
            CustomerId customer,
            @Nullable Instant enqueuedAt,
            @Nullable UUID sourceEvent,
            String via) {
        Queue queue = dispatcher.queue(queueId);
        if (queue == null) {
            return Optional.empty();
        }
        return dispatcher.enqueue(new Dispatcher.Entry(
                "case",
                caseId,
                queueId,
                workChannel(channel),
                skills(queue),
                queue.language(),
                effectivePriority(queue, priority, customer),
                enqueuedAt,
                null,
                null,
                null,
                sourceEvent,
                via,
                customer.value(),
                null));
    }

    /** Queue base + case priority (low 0, normal 10, high 20, urgent 30) + the customer's tier value. */
    public int effectivePriority(Queue queue, Priority priority, CustomerId customer) {
        int tier;
        try {
            tier = customers.profile(customer).tierValue();
        } catch (RuntimeException unknownCustomer) {
            tier = 0;
        }
        return queue.basePriority() + 10 * priority.ordinal() + tier;
    }

    static List<Skill> skills(Queue queue) {
        return queue.requiredSkills().stream()
                .map(s -> new Skill(s.skill(), s.minProficiency()))
                .toList();
    }

    /** Live channels keep their kind; everything written (email, portal, API, social) is email-like work. */
    public static String workChannel(Channel channel) {
        return switch (channel) {
            case VOICE -> "voice";
            case CHAT -> "chat";
            default -> "email";
        };
    }
}
