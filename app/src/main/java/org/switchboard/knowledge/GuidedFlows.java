package org.switchboard.knowledge;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.identity.Actor;

/**
 * Guided resolution flows: decision trees edited as a draft and published as immutable versions, run by
 * agents on a case and by customers in self-service.
 *
 * <p><b>Versions.</b> A run stays on the version it started on; publishing a new version never changes a
 * run or its counts.
 *
 * <p><b>Endings.</b> A run that reaches an ending is completed; the ending's action (open a case in a
 * queue, offer a callback) is returned in {@link FlowRunView#current()} for the caller to carry out. An
 * agent run's path is recorded on its case as an internal note when it completes or is abandoned.
 *
 * <p><b>Errors.</b> An invalid definition is an {@link org.switchboard.platform.InvalidInputException}
 * naming the step and field; answering a step the run is no longer on is a {@link
 * org.switchboard.platform.ConflictException} (409); an unknown flow or run a {@link
 * org.switchboard.platform.NotFoundException}.
 */
public interface GuidedFlows {

    /** A new flow with an empty draft. Admins only. */
    FlowView create(String name, String audience, @Nullable String language, Actor actor);

    /** Flows by name; {@code publishedOnly} leaves out flows never published. */
    List<FlowSummary> list(boolean publishedOnly);

    FlowView get(FlowId id);

    /** One published version's definition. */
    Optional<FlowDefinition> version(FlowId id, int version);

    /**
     * Replaces the draft (name, audience, language and definition). The draft may have problems; they are
     * listed in the result and block publishing only.
     *
     * @param expectedVersion the version the caller saw, or null for an unconditional change
     */
    FlowView saveDraft(
            FlowId id,
            String name,
            String audience,
            @Nullable String language,
            FlowDefinition draft,
            @Nullable Long expectedVersion,
            Actor actor);

    /** What is wrong with a definition: dangling steps, unintended cycles, questions without options. */
    List<org.switchboard.platform.FieldProblem> problems(FlowDefinition definition);

    /** Publishes the draft as the next version. A draft with problems is a 400 listing them. */
    FlowView publish(FlowId id, Actor actor);

    /** Starts the published version of an agents' flow on a case the agent sees. */
    FlowRunView startOnCase(FlowId id, CaseId caseId, Actor agent);

    /** Starts the published version of a customers' flow for an anonymous customer. */
    FlowRunView startSelfService(FlowId id);

    /** A run; an agent run only for someone who sees its case (actor given), a self-service run by id. */
    FlowRunView run(FlowRunId id, @Nullable Actor actor);

    /**
     * Answers the question {@code stepKey} with {@code optionKey}. Answering the same step twice (a
     * double click) is a 409, as is answering a finished run.
     */
    FlowRunView choose(FlowRunId id, String stepKey, String optionKey, @Nullable Actor actor);

    /** Stops an unfinished run; it counts as dropped off at its current step. */
    FlowRunView abandon(FlowRunId id, @Nullable Actor actor);

    /** Records the case a completed self-service run opened. */
    void caseOpened(FlowRunId id, CaseId caseId);

    /** The agent runs of a case, newest first. */
    List<FlowRunView> runsOfCase(CaseId caseId, Actor actor);

    /** Completion and drop-off per step of one version (the published one when null). */
    FlowReport report(FlowId id, @Nullable Integer version);
}
