package org.switchboard.channel.email;

/**
 * Turns a raw RFC 5322 / MIME message into a {@link ParsedEmail}. Thread-safe, no I/O but the given
 * bytes, bounded in time and memory by {@link ParseLimits} (configured under {@code
 * switchboard.email.inbound.limits}). Never throws for bad input: a message it cannot read at all is an
 * {@link ParseOutcome.Unparseable} to quarantine.
 */
public interface EmailParser {

    /** Parses with the configured limits. */
    ParseOutcome parse(byte[] raw);

    /** Parses with other limits (an administrator re-processing a quarantined message with higher ones). */
    ParseOutcome parse(byte[] raw, ParseLimits limits);
}
