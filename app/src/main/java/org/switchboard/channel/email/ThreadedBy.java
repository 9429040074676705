package org.switchboard.channel.email;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a message landed in its case: the rule of {@link EmailThreading#resolve} that matched, tried in
 * this order. Shown on the case timeline as {@code "threadedBy"}.
 */
public enum ThreadedBy {
    /** In-Reply-To names a message Switchboard received or sent. */
    IN_REPLY_TO,
    /** An id of References (or a later message naming this one, or a shared phantom id) is known. */
    REFERENCES,
    /** The subject carries a case token, {@code [SB-10042]}. */
    SUBJECT_TOKEN,
    /** A recipient is a case reply address, {@code support+c-sb-10042-x7k2m9qd@example.com}. */
    REPLY_ADDRESS,
    /** Same normalized subject and a shared participant (off by default). */
    HEURISTIC,
    /** Nothing matched: a new case. */
    NEW;

    /** The lower-case wire name ({@code in_reply_to}). */
    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ThreadedBy ofWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
