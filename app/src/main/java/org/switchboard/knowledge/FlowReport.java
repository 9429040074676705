package org.switchboard.knowledge;

import java.util.List;

/**
 * Completion and drop-off of one flow version.
 *
 * @param started runs started on this version
 * @param completed runs that reached an ending
 * @param droppedOff runs abandoned or idle longer than the idle time without reaching an ending
 * @param inProgress runs still active within the idle time
 * @param steps per step, in definition order
 */
public record FlowReport(
        FlowId flowId,
        String flowName,
        int version,
        long started,
        long completed,
        long droppedOff,
        long inProgress,
        List<FlowStepStats> steps) {

    /** completed / started, 0 without runs. */
    public double completionRate() {
        return started == 0 ? 0 : (double) completed / started;
    }
}
