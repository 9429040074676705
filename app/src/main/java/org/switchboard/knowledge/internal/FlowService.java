package org.switchboard.knowledge.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.Cases;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Role;
import org.switchboard.knowledge.FlowDefinition;
import org.switchboard.knowledge.FlowDefinition.Option;
import org.switchboard.knowledge.FlowDefinition.Step;
import org.switchboard.knowledge.FlowId;
import org.switchboard.knowledge.FlowReport;
import org.switchboard.knowledge.FlowRunId;
import org.switchboard.knowledge.FlowRunView;
import org.switchboard.knowledge.FlowStepStats;
import org.switchboard.knowledge.FlowSummary;
import org.switchboard.knowledge.FlowView;
import org.switchboard.knowledge.GuidedFlows;
import org.switchboard.knowledge.StepKind;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RuleViolationException;
import org.switchboard.platform.StaleVersionException;

/** {@link GuidedFlows} on the flow tables; agent paths are written to the case through {@link Cases#note}. */
@Service
class FlowService implements GuidedFlows {

    static final int MAX_NAME = 200;

    private final FlowStore store;
    private final Cases cases;
    private final QueueDirectory queues;
    private final MessageSource messages;
    private final KnowledgeFlowsProperties properties;
    private final Clock clock;
    // Published versions never change, so their definitions are kept once read.
    private final Map<String, FlowDefinition> versions = new ConcurrentHashMap<>();

    FlowService(
            FlowStore store,
            Cases cases,
            QueueDirectory queues,
            MessageSource messages,
            KnowledgeFlowsProperties properties,
            Clock clock) {
        this.store = store;
        this.cases = cases;
        this.queues = queues;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    @Transactional
    public FlowView create(String name, String audience, @Nullable String language, Actor actor) {
        requireAdmin(actor);
        checkHeader(name, audience, language);
        FlowId id = FlowId.newId();
        store.insertFlow(
                id, name.strip(), audience, blankToNull(language), new FlowDefinition("", List.of()), clock.instant());
        return get(id);
    }

    @Override
    @Transactional(readOnly = true)
    public List<FlowSummary> list(boolean publishedOnly) {
        return store.list(publishedOnly);
    }

    @Override
    @Transactional(readOnly = true)
    public FlowView get(FlowId id) {
        FlowStore.FlowRow row = store.find(id, false).orElseThrow(() -> new NotFoundException("flow", id));
        return new FlowView(row.summary(), row.draft(), problems(row.draft()), store.versions(id));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<FlowDefinition> version(FlowId id, int version) {
        return Optional.ofNullable(definition(id, version));
    }

    @Override
    @Transactional
    public FlowView saveDraft(
            FlowId id,
            String name,
            String audience,
            @Nullable String language,
            FlowDefinition draft,
            @Nullable Long expectedVersion,
            Actor actor) {
        requireAdmin(actor);
        checkHeader(name, audience, language);
        FlowStore.FlowRow current = store.find(id, true).orElseThrow(() -> new NotFoundException("flow", id));
        long expected =
                expectedVersion != null ? expectedVersion : current.summary().version();
        if (!store.updateDraft(id, name.strip(), audience, blankToNull(language), draft, expected, clock.instant())) {
            throw new StaleVersionException("flow", id, current.summary().version());
        }
        return get(id);
    }

    @Override
    public List<FieldProblem> problems(FlowDefinition definition) {
        List<FieldProblem> problems = new ArrayList<>(FlowRules.problems(definition));
        List<Step> steps = definition.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if ((step.kind() == StepKind.OPEN_CASE || step.kind() == StepKind.CALLBACK)
                    && step.queue() != null
                    && !step.queue().isBlank()
                    && queues.find(step.queue()).isEmpty()) {
                problems.add(new FieldProblem("steps[" + i + "].queue", "no queue '" + step.queue() + "'"));
            }
        }
        return problems;
    }

    @Override
    @Transactional
    public FlowView publish(FlowId id, Actor actor) {
        requireAdmin(actor);
        FlowStore.FlowRow row = store.find(id, true).orElseThrow(() -> new NotFoundException("flow", id));
        List<FieldProblem> problems = problems(row.draft());
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        store.publish(id, row.draft(), actor.id().value(), clock.instant());
        return get(id);
    }

    @Override
    @Transactional
    public FlowRunView startOnCase(FlowId id, CaseId caseId, Actor agent) {
        cases.get(caseId, agent); // a case the agent does not see is a 404
        FlowSummary flow = published(id);
        if (!flow.forAgents()) {
            throw new RuleViolationException("This flow is for customers only");
        }
        return start(flow, "agent", caseId, agent);
    }

    @Override
    @Transactional
    public FlowRunView startSelfService(FlowId id) {
        FlowSummary flow = published(id);
        if (!flow.forCustomers()) {
            // An agents' flow is invisible to customers.
            throw new NotFoundException("flow", id);
        }
        return start(flow, "self_service", null, null);
    }

    private FlowRunView start(FlowSummary flow, String mode, @Nullable CaseId caseId, @Nullable Actor agent) {
        int version = flow.publishedVersion();
        FlowDefinition definition = definition(flow.id(), version);
        FlowRunId run = FlowRunId.newId();
        Instant now = clock.instant();
        store.insertRun(
                run,
                flow.id(),
                version,
                mode,
                caseId == null ? null : caseId.value(),
                agent == null ? null : agent.id().value(),
                definition.start(),
                now);
        store.visit(run, definition.start(), now);
        return view(store.run(run, false).orElseThrow());
    }

    @Override
    @Transactional(readOnly = true)
    public FlowRunView run(FlowRunId id, @Nullable Actor actor) {
        return view(visible(store.run(id, false), id, actor));
    }

    @Override
    @Transactional
    public FlowRunView choose(FlowRunId id, String stepKey, String optionKey, @Nullable Actor actor) {
        FlowStore.RunRow run = visible(store.run(id, true), id, actor);
        if (!run.status().equals("active")) {
            throw new ConflictException("This run is " + run.status());
        }
        if (!run.currentStep().equals(stepKey)) {
            throw new ConflictException("This run is no longer at step '" + stepKey + "'");
        }
        FlowDefinition definition = definition(run.flowId(), run.flowVersion());
        Step step = definition.step(stepKey).orElseThrow();
        Option option = step.option(optionKey)
                .orElseThrow(() -> new InvalidInputException("option", "no option '" + optionKey + "' at this step"));
        Step next = definition.step(option.next()).orElseThrow();
        Instant now = clock.instant();
        store.answer(id, optionKey);
        store.visit(id, next.key(), now);
        boolean ends = next.kind().ending();
        store.moveRun(
                id,
                next.key(),
                ends ? "completed" : "active",
                ends ? next.kind().wire() : null,
                now);
        FlowRunView view = view(store.run(id, false).orElseThrow());
        if (ends && run.mode().equals("agent") && actor != null) {
            recordPath(view, "knowledge.flows.note.completed", actor);
        }
        return view;
    }

    @Override
    @Transactional
    public FlowRunView abandon(FlowRunId id, @Nullable Actor actor) {
        FlowStore.RunRow run = visible(store.run(id, true), id, actor);
        if (!run.status().equals("active")) {
            return view(run);
        }
        store.moveRun(id, run.currentStep(), "abandoned", null, clock.instant());
        FlowRunView view = view(store.run(id, false).orElseThrow());
        if (run.mode().equals("agent") && actor != null) {
            recordPath(view, "knowledge.flows.note.abandoned", actor);
        }
        return view;
    }

    @Override
    @Transactional
    public void caseOpened(FlowRunId id, CaseId caseId) {
        FlowStore.RunRow run = store.run(id, true).orElseThrow(() -> new NotFoundException("flow run", id));
        if (run.caseId() != null) {
            throw new ConflictException("This run already opened case " + run.caseId());
        }
        store.setCase(id, caseId.value());
    }

    @Override
    @Transactional(readOnly = true)
    public List<FlowRunView> runsOfCase(CaseId caseId, Actor actor) {
        cases.get(caseId, actor);
        return store.runsOfCase(caseId.value()).stream().map(this::view).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public FlowReport report(FlowId id, @Nullable Integer version) {
        FlowSummary flow = store.find(id, false)
                .orElseThrow(() -> new NotFoundException("flow", id))
                .summary();
        Integer number = version != null ? version : flow.publishedVersion();
        if (number == null) {
            throw new NotFoundException("flow version", id + " (never published)");
        }
        FlowDefinition definition = definition(id, number);
        if (definition == null) {
            throw new NotFoundException("flow version", id + " v" + number);
        }
        Instant idleBefore = clock.instant().minus(properties.idleAfter());
        FlowStore.RunTotals totals = store.totals(id, number, idleBefore);
        Map<String, FlowStore.StepCounts> counts = store.stepCounts(id, number, idleBefore);
        List<FlowStepStats> steps = new ArrayList<>();
        for (Step step : definition.steps()) {
            FlowStore.StepCounts c = counts.getOrDefault(step.key(), new FlowStore.StepCounts(0, 0, 0, 0));
            steps.add(new FlowStepStats(
                    step.key(), step.kind(), step.text(), c.reached(), c.continued(), c.completed(), c.droppedOff()));
        }
        return new FlowReport(
                id,
                flow.name(),
                number,
                totals.started(),
                totals.completed(),
                totals.droppedOff(),
                totals.inProgress(),
                steps);
    }

    private void recordPath(FlowRunView run, String headerKey, Actor actor) {
        String header = messages.getMessage(
                headerKey,
                new Object[] {run.flowName(), run.flowVersion()},
                headerKey,
                LocaleContextHolder.getLocale());
        cases.note(run.caseId(), MessageDraft.text(header + "\n" + run.pathText()), actor);
    }

    private FlowStore.RunRow visible(Optional<FlowStore.RunRow> found, FlowRunId id, @Nullable Actor actor) {
        FlowStore.RunRow run = found.orElseThrow(() -> new NotFoundException("flow run", id));
        if (run.mode().equals("agent")) {
            // An agent run belongs to its case: only someone who sees the case sees the run.
            if (actor == null || run.caseId() == null) {
                throw new NotFoundException("flow run", id);
            }
            cases.get(new CaseId(run.caseId()), actor);
        }
        return run;
    }

    private FlowSummary published(FlowId id) {
        FlowSummary flow = store.find(id, false)
                .orElseThrow(() -> new NotFoundException("flow", id))
                .summary();
        if (flow.publishedVersion() == null) {
            throw new RuleViolationException("This flow has not been published yet");
        }
        return flow;
    }

    private @Nullable FlowDefinition definition(FlowId id, int version) {
        String key = id + "/" + version;
        FlowDefinition cached = versions.get(key);
        if (cached != null) {
            return cached;
        }
        Optional<FlowDefinition> loaded = store.version(id, version);
        loaded.ifPresent(d -> versions.put(key, d));
        return loaded.orElse(null);
    }

    private FlowRunView view(FlowStore.RunRow run) {
        FlowDefinition definition = definition(run.flowId(), run.flowVersion());
        List<FlowRunView.PathStep> path = new ArrayList<>();
        for (FlowStore.Visit visit : store.visits(run.id())) {
            if (visit.optionKey() == null) {
                continue;
            }
            Step step = definition.step(visit.stepKey()).orElseThrow();
            Option option = step.option(visit.optionKey()).orElseThrow();
            path.add(new FlowRunView.PathStep(step.key(), step.text(), option.key(), option.label()));
        }
        return new FlowRunView(
                run.id(),
                run.flowId(),
                run.flowName(),
                run.flowVersion(),
                run.mode(),
                run.status(),
                definition.step(run.currentStep()).orElseThrow(),
                path,
                run.caseId() == null ? null : new CaseId(run.caseId()),
                run.startedAt());
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAtLeast(Role.ADMIN)) {
            throw new AccessDeniedException("Only admins edit guided flows");
        }
    }

    private static void checkHeader(String name, String audience, @Nullable String language) {
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("name", "must not be blank"));
        } else if (name.strip().length() > MAX_NAME) {
            problems.add(new FieldProblem("name", "at most " + MAX_NAME + " characters"));
        }
        if (audience == null || !List.of("agents", "customers", "both").contains(audience)) {
            problems.add(new FieldProblem("audience", "must be one of agents, customers, both"));
        }
        if (language != null && !language.isBlank() && !language.matches("[a-z]{2}")) {
            problems.add(new FieldProblem("language", "must be an ISO 639-1 code such as en"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
