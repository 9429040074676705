package org.switchboard.channel.email;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.MessageId;

/**
 * One of Switchboard's own messages that a delivery status notification reports as failed: the reply to
 * mark failed on its case.
 *
 * @param messageId our Message-ID
 * @param caseId its case
 * @param caseMessage the case message it was, when recorded
 * @param failedRecipients the recipients it failed for
 * @param reason the status and diagnostic, e.g. {@code "5.1.1 550 5.1.1 <bob@example.com>: user unknown"}
 */
public record BouncedReply(
        String messageId,
        CaseId caseId,
        @Nullable MessageId caseMessage,
        List<String> failedRecipients,
        String reason) {

    public BouncedReply {
        failedRecipients = List.copyOf(failedRecipients);
    }
}
