package org.switchboard.cases;

/** Where a customer's message on an existing case ended up. */
public sealed interface CustomerMessageOutcome {

    CaseId caseId();

    MessageId messageId();

    /** Added to the case, which was active. */
    record Appended(CaseId caseId, MessageId messageId) implements CustomerMessageOutcome {}

    /** Added to the case, which was resolved within the reopen window and is open again. */
    record Reopened(CaseId caseId, MessageId messageId) implements CustomerMessageOutcome {}

    /**
     * The case was closed or resolved longer ago than the reopen window: a new case was opened with the
     * message and linked to the previous one as a follow-up.
     */
    record FollowUpOpened(CaseId caseId, MessageId messageId, CaseId previous) implements CustomerMessageOutcome {}
}
