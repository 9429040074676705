package org.switchboard.channel.email;

import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;

/** Where an inbound message belongs: an existing case (and why) or a new one. */
public sealed interface ThreadResolution {

    ThreadedBy threadedBy();

    /**
     * The message belongs to this case.
     *
     * @param caseId the case (already followed through merges)
     * @param threadedBy the rule that matched
     * @param evidence what matched: the Message-ID, the token, the reply address or the subject
     */
    record Existing(
            CaseId caseId, ThreadedBy threadedBy, @Nullable String evidence) implements ThreadResolution {}

    /** No rule matched: open a new case. */
    record New() implements ThreadResolution {
        @Override
        public ThreadedBy threadedBy() {
            return ThreadedBy.NEW;
        }
    }
}
