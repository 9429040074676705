package org.switchboard.cases;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The content of a new message: plain text, optional HTML (sanitized before it is stored) and
 * attachments uploaded beforehand to the same case.
 */
public record MessageDraft(String text, @Nullable String html, List<AttachmentId> attachments) {

    public MessageDraft {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public static MessageDraft text(String text) {
        return new MessageDraft(text, null, List.of());
    }
}
