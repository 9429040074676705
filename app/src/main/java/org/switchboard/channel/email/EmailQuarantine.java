package org.switchboard.channel.email;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.identity.Actor;

/**
 * Messages that could not be parsed, kept raw with the reason, visible to administrators ({@code
 * /admin/email/quarantine}, {@code /api/v1/channels/email/quarantine}) and re-processable.
 */
public interface EmailQuarantine {

    /**
     * Keeps a raw message with the reason. Quarantining the same mailbox + source again returns the
     * existing entry (ingestion may retry after a crash).
     */
    QuarantinedEmail quarantine(
            String mailbox, @Nullable String source, byte[] raw, String reason, List<String> defects);

    /** Newest first; {@code status} null for all. At most {@code limit} (≤ 500). */
    List<QuarantinedEmail> list(@Nullable String status, int limit);

    /** @throws org.switchboard.platform.NotFoundException unknown id */
    QuarantinedEmail get(UUID id);

    /** The raw bytes. @throws org.switchboard.platform.NotFoundException unknown id */
    byte[] raw(UUID id);

    /**
     * Parses the message again, with {@code limits} (null: the configured ones). When it parses, the entry
     * is {@code released} and {@link QuarantinedEmailReleased} is published; otherwise it stays with the
     * new reason.
     *
     * @throws org.switchboard.platform.RuleViolationException the entry is not {@code quarantined}
     */
    QuarantinedEmail reprocess(UUID id, @Nullable ParseLimits limits, Actor actor);

    /** Marks it discarded (the raw bytes are kept for audit). */
    QuarantinedEmail discard(UUID id, Actor actor);
}
