package org.switchboard.channel.email;

import java.util.List;

/** What became of a raw message: parsed (perhaps with defects), or not parseable at all. */
public sealed interface ParseOutcome {

    /** Parsed; {@link ParsedEmail#defects()} says what was repaired. */
    record Parsed(ParsedEmail email) implements ParseOutcome {}

    /**
     * Not parseable (too large, a header block beyond the limit, not a message at all): the caller
     * quarantines the raw bytes with this reason ({@link EmailQuarantine#quarantine}).
     *
     * @param reason a short English sentence for the administrator
     * @param defects what the parser noticed before giving up
     */
    record Unparseable(String reason, List<String> defects) implements ParseOutcome {
        public Unparseable {
            defects = List.copyOf(defects);
        }
    }
}
