package org.switchboard.cases;

/**
 * A case just opened ({@link Cases#openCase}) and the id of its first message, for a channel that records
 * which message an inbound contact became without listing the case's messages.
 */
public record OpenedCase(CaseView view, MessageId firstMessage) {}
