package org.switchboard.knowledge.internal;

import java.util.List;

/** What changed between two revisions: the title (when it did) and the body line by line. */
public record RevisionDiff(
        int from, int to, String titleBefore, String titleAfter, boolean titleChanged, List<LineDiff.Line> body) {}
