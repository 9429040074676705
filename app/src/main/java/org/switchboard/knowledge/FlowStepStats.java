package org.switchboard.knowledge;

/**
 * How runs of one flow version went through one step (formulas in {@code docs/knowledge-flows.md}).
 *
 * @param reached runs that showed this step at least once
 * @param continued runs that answered this question at least once (0 for an ending)
 * @param completed runs that ended at this step (0 for a question)
 * @param droppedOff runs that stopped here: abandoned, or idle longer than the configured idle time
 */
public record FlowStepStats(
        String step, StepKind kind, String text, long reached, long continued, long completed, long droppedOff) {

    /** droppedOff / reached, 0 when never reached. */
    public double dropOffRate() {
        return reached == 0 ? 0 : (double) droppedOff / reached;
    }
}
