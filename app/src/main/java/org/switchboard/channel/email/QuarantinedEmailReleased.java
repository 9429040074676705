package org.switchboard.channel.email;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Published when an administrator re-processed a quarantined message and it now parses: ingestion takes
 * it up again ({@link EmailQuarantine#raw} gives the bytes) as if it had just arrived in {@code mailbox}.
 * Delivered through the event publication registry, so it is not lost on a crash.
 */
public record QuarantinedEmailReleased(
        UUID quarantineId, String mailbox, @Nullable String source) {}
