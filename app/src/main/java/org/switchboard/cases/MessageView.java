package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message of a case, always within an interaction.
 *
 * @param author who wrote it (customer, agent or system)
 * @param visibility {@code public} (a reply or the customer's message) or {@code internal} (a note)
 * @param text the plain text
 * @param html sanitized HTML (safe to render), null when the message had none
 * @param messageId the channel's id of the message (an email's Message-ID), absent for other messages
 * @param threadedBy why an inbound channel message was filed in this case (see {@link ChannelReference})
 * @param deliveryStatus how sending a public reply on its channel went, absent until a channel reports
 * @param deliveryDetail the channel's last word on delivery (an error, the approver), if any
 */
public record MessageView(
        MessageId id,
        CaseId caseId,
        InteractionId interactionId,
        Channel channel,
        Party author,
        Visibility visibility,
        String text,
        @Nullable String html,
        List<AttachmentView> attachments,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String messageId,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String threadedBy,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable DeliveryStatus deliveryStatus,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String deliveryDetail) {

    public MessageView(
            MessageId id,
            CaseId caseId,
            InteractionId interactionId,
            Channel channel,
            Party author,
            Visibility visibility,
            String text,
            @Nullable String html,
            List<AttachmentView> attachments,
            Instant createdAt) {
        this(
                id,
                caseId,
                interactionId,
                channel,
                author,
                visibility,
                text,
                html,
                attachments,
                createdAt,
                null,
                null,
                null,
                null);
    }
}
