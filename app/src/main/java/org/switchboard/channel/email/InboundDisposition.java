package org.switchboard.channel.email;

/** What ingestion should do with a classified inbound message. */
public enum InboundDisposition {
    /** Thread it into a case (existing or new) as a customer message. */
    CASE,
    /**
     * A report (DSN, MDN, ARF): attach it to the case of {@link Classification#reportedCase()} and never
     * open a case; when that case is unknown, keep the message without a case.
     */
    ATTACH_TO_ORIGINAL,
    /** The sender is blocked, or the message comes from one of our own mailboxes (a loop): keep, no case. */
    DISCARD
}
