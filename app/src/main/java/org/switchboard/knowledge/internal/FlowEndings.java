package org.switchboard.knowledge.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
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
import org.switchboard.customer.Customers;
import org.switchboard.identity.Actor;
import org.switchboard.knowledge.FlowRunId;
import org.switchboard.knowledge.FlowRunView;
import org.switchboard.knowledge.GuidedFlows;
import org.switchboard.knowledge.StepKind;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RuleViolationException;

/**
 * Carries out the action a completed run ended with: a flow only returns its ending, the caller does
 * what it says. Self-service: the customer's case is opened with the path as context, so the agent never
 * starts over. Agent: the case is moved to the ending's queue, or tagged for a callback.
 *
 * <p>A callback is recorded as a case in the callback queue tagged {@code callback} with the number to
 * call; routing's callback requests can take it over once they exist.
 */
@Component
public class FlowEndings {

    public static final String FLOW_TAG = "guided-flow";
    public static final String CALLBACK_TAG = "callback";

    private final GuidedFlows flows;
    private final Cases cases;
    private final Customers customers;
    private final QueueDirectory queues;

    FlowEndings(GuidedFlows flows, Cases cases, Customers customers, QueueDirectory queues) {
        this.flows = flows;
        this.cases = cases;
        this.customers = customers;
        this.queues = queues;
    }

    /**
     * What a customer leaves to be contacted.
     *
     * @param phone required for a callback, in international format
     */
    public record Contact(
            @Nullable String email,
            @Nullable String name,
            @Nullable String phone,
            @Nullable String message) {}

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
            text.append("Callback: ").append(phone).append("\n\n");
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
        return opened;
    }

    /** Carries out an agent run's ending on its case: move to the queue, or tag for a callback. */
    @Transactional
    public CaseView carryOutOnCase(FlowRunId id, Actor agent) {
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
                Set<String> tags = new HashSet<>(current.tags());
                tags.add(CALLBACK_TAG);
                yield cases.change(
                        current.id(),
                        new CaseChange(null, null, null, queue.id(), null, tags, null, null),
                        null,
                        agent);
            }
            default -> throw new RuleViolationException("This ending has no action to carry out");
        };
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
