package org.switchboard.knowledge.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.CaseChange;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Channel;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.OpenCase;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueRef;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.CustomerIdentity;
import org.switchboard.customer.Customers;
import org.switchboard.identity.Actor;
import org.switchboard.knowledge.FlowRunId;
import org.switchboard.knowledge.FlowRunView;
import org.switchboard.knowledge.GuidedFlows;
import org.switchboard.knowledge.StepKind;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RuleViolationException;
import org.switchboard.routing.CallbackRequested;

/**
 * Carries out the action a completed run ended with: a flow only returns its ending, the caller does
 * what it says. Self-service: the customer's case is opened with the path as context, so the agent never
 * starts over. Agent: the case is moved to the ending's queue.
 *
 * <p>A callback ending also asks routing for a callback ({@link CallbackRequested}, published in the same
 * transaction): once it commits, a callback work item with the number to call, and the time the customer
 * chose if any, waits in the ending's queue. The case keeps the {@code callback} tag so lists show why it
 * is there.
 */
@Component
public class FlowEndings {

    public static final String FLOW_TAG = "guided-flow";
    public static final String CALLBACK_TAG = "callback";

    /** How far ahead a callback may be scheduled. */
    static final Duration MAX_SCHEDULE = Duration.ofDays(90);

    private final GuidedFlows flows;
    private final Cases cases;
    private final Customers customers;
    private final QueueDirectory queues;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FlowEndings(
            GuidedFlows flows,
            Cases cases,
            Customers customers,
            QueueDirectory queues,
            ApplicationEventPublisher events,
            Clock clock) {
        this.flows = flows;
        this.cases = cases;
        this.customers = customers;
        this.queues = queues;
        this.events = events;
        this.clock = clock;
    }

    /**
     * What a customer leaves to be contacted.
     *
     * @param phone required for a callback, in international format
     * @param at when the customer wants to be called back; null: as soon as possible
     */
    public record Contact(
            @Nullable String email,
            @Nullable String name,
            @Nullable String phone,
            @Nullable String message,
            @Nullable Instant at) {

        public Contact(
                @Nullable String email, @Nullable String name, @Nullable String phone, @Nullable String message) {
            this(email, name, phone, message, null);
        }
    }

    /**
     * What an agent may set for a callback ending.
     *
     * @param phone the number to call; null: the customer's first phone number
     * @param at when to call; null: as soon as an agent is free
     */
    public record CallbackChoice(
            @Nullable String phone, @Nullable Instant at) {

        public static final CallbackChoice DEFAULT = new CallbackChoice(null, null);
    }

    /** Opens the case a self-service run ended with; once per run (a second time is a 409). */
    @Transactional
    public CaseView openSelfServiceCase(FlowRunId id, Contact contact) {
        FlowRunView run = flows.run(id, null);
        StepKind kind = run.current().kind();
        if (!run.completed() || (kind != StepKind.OPEN_CASE && kind != StepKind.CALLBACK)) {
            throw new RuleViolationException("This run does not end by opening a case");
        }
        List<FieldProblem> problems = new java.util.ArrayList<>();
        ChannelIdentity email = null;
        try {
            email = ChannelIdentity.email(contact.email());
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("email", e.getMessage()));
        }
        String phone = null;
        if (kind == StepKind.CALLBACK) {
            try {
                phone = ChannelIdentity.phone(contact.phone()).value();
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("phone", e.getMessage()));
            }
            checkSchedule(contact.at(), problems);
        }
        if (contact.name() != null && contact.name().length() > 200) {
            problems.add(new FieldProblem("name", "at most 200 characters"));
        }
        if (contact.message() != null && contact.message().length() > 10_000) {
            problems.add(new FieldProblem("message", "at most 10000 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        QueueRef queue = queues.find(run.current().queue())
                .orElseThrow(() -> new RuleViolationException("The queue of this ending no longer exists"));
        CustomerId customer = customers.identifyOrCreate(email, blankToNull(contact.name()));
        var text = new StringBuilder();
        if (contact.message() != null && !contact.message().isBlank()) {
            text.append(contact.message().strip()).append("\n\n");
        }
        if (phone != null) {
            text.append("Callback: ").append(phone);
            if (contact.at() != null) {
                text.append(" at ").append(contact.at());
            }
            text.append("\n\n");
        }
        text.append("Guided flow \"")
                .append(run.flowName())
                .append("\" (version ")
                .append(run.flowVersion())
                .append("):\n")
                .append(run.pathText());
        Set<String> tags = new HashSet<>(Set.of(FLOW_TAG));
        if (kind == StepKind.CALLBACK) {
            tags.add(CALLBACK_TAG);
        }
        String subject = run.flowName() + ": " + run.current().text();
        if (subject.length() > 250) {
            subject = subject.substring(0, 249) + "…";
        }
        CaseView opened = cases.open(
                new OpenCase(
                        subject,
                        customer,
                        queue.id(),
                        null,
                        Channel.PORTAL,
                        MessageDraft.text(text.toString()),
                        tags,
                        null),
                null);
        flows.caseOpened(id, opened.id());
        if (phone != null) {
            requestCallback(opened, queue, phone, contact.at());
        }
        return opened;
    }

    /** Carries out an agent run's ending on its case with the callback defaults. */
    @Transactional
    public CaseView carryOutOnCase(FlowRunId id, Actor agent) {
        return carryOutOnCase(id, CallbackChoice.DEFAULT, agent);
    }

    /**
     * Carries out an agent run's ending on its case: move it to the ending's queue; for a callback also
     * tag it and request the callback (a 400 naming {@code phone} when there is no number to call).
     */
    @Transactional
    public CaseView carryOutOnCase(FlowRunId id, CallbackChoice callback, Actor agent) {
        FlowRunView run = flows.run(id, agent);
        if (!run.completed() || run.caseId() == null) {
            throw new RuleViolationException("This run has not reached an ending");
        }
        CaseView current = cases.get(run.caseId(), agent);
        return switch (run.current().kind()) {
            case OPEN_CASE -> {
                QueueRef queue = queues.find(run.current().queue())
                        .orElseThrow(() -> new RuleViolationException("The queue of this ending no longer exists"));
                yield cases.change(
                        current.id(),
                        new CaseChange(null, null, null, queue.id(), null, null, null, null),
                        null,
                        agent);
            }
            case CALLBACK -> {
                QueueRef queue = queues.find(run.current().queue())
                        .orElseThrow(() -> new RuleViolationException("The queue of this ending no longer exists"));
                List<FieldProblem> problems = new java.util.ArrayList<>();
                String phone = callbackPhone(current, callback.phone(), problems);
                checkSchedule(callback.at(), problems);
                if (!problems.isEmpty()) {
                    throw new InvalidInputException(problems);
                }
                Set<String> tags = new HashSet<>(current.tags());
                tags.add(CALLBACK_TAG);
                CaseView changed = cases.change(
                        current.id(),
                        new CaseChange(null, null, null, queue.id(), null, tags, null, null),
                        null,
                        agent);
                requestCallback(changed, queue, phone, callback.at());
                yield changed;
            }
            default -> throw new RuleViolationException("This ending has no action to carry out");
        };
    }

    private void requestCallback(CaseView theCase, QueueRef queue, String phone, @Nullable Instant at) {
        events.publishEvent(new CallbackRequested(
                UUID.randomUUID(), clock.instant(), theCase.id(), queue.id(), phone, at, "guided flow"));
    }

    /** The number given, else the customer's first phone number; normalized to international format. */
    private @Nullable String callbackPhone(CaseView theCase, @Nullable String given, List<FieldProblem> problems) {
        String raw = blankToNull(given);
        if (raw == null) {
            raw = customers.profile(theCase.customer().id()).identities().stream()
                    .map(CustomerIdentity::identity)
                    .filter(i -> i.kind() == ChannelIdentity.Kind.PHONE)
                    .map(ChannelIdentity::value)
                    .findFirst()
                    .orElse(null);
            if (raw == null) {
                problems.add(new FieldProblem("phone", "is required: the customer has no phone number"));
                return null;
            }
        }
        try {
            return ChannelIdentity.phone(raw).value();
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("phone", e.getMessage()));
            return null;
        }
    }

    private void checkSchedule(@Nullable Instant at, List<FieldProblem> problems) {
        if (at == null) {
            return;
        }
        Instant now = clock.instant();
        if (!at.isAfter(now)) {
            problems.add(new FieldProblem("at", "must be in the future"));
        } else if (at.isAfter(now.plus(MAX_SCHEDULE))) {
            problems.add(new FieldProblem("at", "must be at most " + MAX_SCHEDULE.toDays() + " days ahead"));
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
