package org.switchboard.cases;

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
        Instant createdAt) {}
