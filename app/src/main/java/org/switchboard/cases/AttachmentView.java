package org.switchboard.cases;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A stored attachment.
 *
 * @param contentType sniffed from the bytes, never the client's claim
 * @param sha256 hex digest of the content (the storage key; equal contents are stored once)
 * @param messageId the message it is attached to, null until a reply or note uses it
 */
public record AttachmentView(
        AttachmentId id,
        CaseId caseId,
        @Nullable MessageId messageId,
        String filename,
        String contentType,
        long size,
        String sha256,
        Instant createdAt) {}
