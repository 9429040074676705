package org.switchboard.channel.email;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message that could not be parsed, kept with its raw bytes (read them with {@link
 * EmailQuarantine#raw}).
 *
 * @param mailbox the mailbox it came from (its address or id, as ingestion names it)
 * @param source where it came from, for ingestion to find its own record ({@code uidvalidity/uid})
 * @param reason why it was quarantined
 * @param defects what the parser noticed
 * @param size the raw size in bytes
 * @param status {@code quarantined}, {@code released} (re-processed and handed back to ingestion) or
 *     {@code discarded}
 * @param attempts how often it was parsed
 */
public record QuarantinedEmail(
        UUID id,
        String mailbox,
        @Nullable String source,
        String reason,
        List<String> defects,
        long size,
        String status,
        int attempts,
        Instant createdAt,
        @Nullable Instant resolvedAt,
        @Nullable String resolvedBy) {

    public QuarantinedEmail {
        defects = List.copyOf(defects);
    }
}
