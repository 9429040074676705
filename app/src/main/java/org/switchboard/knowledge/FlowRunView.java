package org.switchboard.knowledge;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;

/**
 * Where a run stands.
 *
 * @param mode {@code agent} or {@code self_service}
 * @param status {@code active}, {@code completed} or {@code abandoned}
 * @param current the step shown now; when it is an ending ({@link StepKind#ending()}) the run is
 *     completed and the caller carries out its action
 * @param path every step reached before the current one, with the answer given there
 * @param caseId the case of an agent run, or the case a self-service run opened
 */
public record FlowRunView(
        FlowRunId id,
        FlowId flowId,
        String flowName,
        int flowVersion,
        String mode,
        String status,
        FlowDefinition.Step current,
        List<PathStep> path,
        @Nullable CaseId caseId,
        Instant startedAt) {

    /** One answered question of a run. */
    public record PathStep(String stepKey, String question, String optionKey, String answer) {}

    public boolean completed() {
        return status.equals("completed");
    }

    /** The path as readable lines ("question → answer", then the ending), e.g. for a case note. */
    public String pathText() {
        var text = new StringBuilder();
        for (PathStep step : path) {
            text.append("• ")
                    .append(step.question())
                    .append(" → ")
                    .append(step.answer())
                    .append('\n');
        }
        if (current.kind().ending()) {
            text.append("= ").append(current.text());
        } else {
            text.append("… ").append(current.text());
        }
        return text.toString();
    }
}
