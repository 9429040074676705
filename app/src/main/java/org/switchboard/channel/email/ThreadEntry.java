package org.switchboard.channel.email;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.MessageId;

/**
 * What Switchboard knows of one Message-ID.
 *
 * @param messageId the Message-ID, without angle brackets
 * @param caseId the case it belongs to
 * @param kind {@code received}, {@code sent}, or {@code phantom} (only ever seen in References or
 *     In-Reply-To of a recorded message)
 * @param caseMessage the case message it became (null for a phantom)
 * @param threadedBy why a received message landed in its case (null for sent and phantom)
 * @param recordedAt when it was recorded
 */
public record ThreadEntry(
        String messageId,
        CaseId caseId,
        String kind,
        @Nullable MessageId caseMessage,
        @Nullable ThreadedBy threadedBy,
        Instant recordedAt) {}
