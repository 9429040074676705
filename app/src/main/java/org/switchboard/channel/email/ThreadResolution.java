package org.switchboard.channel.email;

import java.util.List;
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
     * @param alsoLinked other cases this message's ids point to (a parent arriving after its replies had
     *     opened a case of their own): the thread is split there, ingestion may merge or link them
     */
    record Existing(
            CaseId caseId, ThreadedBy threadedBy, @Nullable String evidence, List<CaseId> alsoLinked)
            implements ThreadResolution {

        public Existing {
            alsoLinked = List.copyOf(alsoLinked);
        }

        public Existing(CaseId caseId, ThreadedBy threadedBy, @Nullable String evidence) {
            this(caseId, threadedBy, evidence, List.of());
        }
    }

    /** No rule matched: open a new case. */
    record New() implements ThreadResolution {
        @Override
        public ThreadedBy threadedBy() {
            return ThreadedBy.NEW;
        }
    }
}
