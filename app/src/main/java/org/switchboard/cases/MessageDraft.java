package org.switchboard.cases;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The content of a new message: plain text, optional HTML (sanitized before it is stored) and
 * attachments uploaded beforehand to the same case. Channel adapters may add the channel's reference
 * (e.g. the Message-ID and threading rule of an email) and the files that came with the message.
 */
public record MessageDraft(
        String text,
        @Nullable String html,
        List<AttachmentId> attachments,
        @Nullable ChannelReference reference,
        List<InboundFile> files) {

    public MessageDraft {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        files = files == null ? List.of() : List.copyOf(files);
    }

    public MessageDraft(String text, @Nullable String html, List<AttachmentId> attachments) {
        this(text, html, attachments, null, List.of());
    }

    public static MessageDraft text(String text) {
        return new MessageDraft(text, null, List.of());
    }
}
