package org.switchboard.knowledge;

import java.util.List;
import org.switchboard.platform.FieldProblem;

/**
 * A flow with its draft and what is wrong with the draft (empty when it may be published).
 *
 * @param versions the published version numbers, oldest first
 */
public record FlowView(
        FlowSummary summary, FlowDefinition draft, List<FieldProblem> problems, List<Integer> versions) {}
