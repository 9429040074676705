package org.switchboard.channel.email;

/**
 * Loops and noise: recognises auto-replies, bulk and list mail, delivery reports (DSN, MDN, ARF) and
 * bounces of our own replies, mail claiming an agent's address, mail an agent forwarded in, failed
 * sender authentication, spam flags and blocked senders. Reads the thread store and the blocklist; writes
 * nothing but the auto-acknowledgement counter.
 */
public interface EmailClassifier {

    Classification classify(ParsedEmail email, ClassificationContext context);

    /**
     * Decides the auto-acknowledgement: never for machine-generated, blocked, spoofed or spam mail, nor
     * for a reply into an existing case ({@code newCase} false), and at most {@code
     * switchboard.email.inbound.auto-ack.max-per-sender} per sender within {@code
     * switchboard.email.inbound.auto-ack.window}. A positive decision is counted at once (call it in the
     * ingest transaction).
     */
    AutoAcknowledgement autoAcknowledgement(ParsedEmail email, Classification classification, boolean newCase);
}
