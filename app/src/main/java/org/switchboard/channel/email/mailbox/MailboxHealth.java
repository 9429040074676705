package org.switchboard.channel.email.mailbox;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How a mailbox's connection is doing.
 *
 * @param status {@code ok}, {@code unknown} (never connected yet), {@code failing} (the last attempt
 *     failed) or {@code alert} (it failed {@code switchboard.email.fetch.alert-after-failures} times in a row)
 * @param mode {@code idle} when the server pushes new mail, {@code polling} otherwise
 */
public record MailboxHealth(
        String status,
        int consecutiveFailures,
        @Nullable Instant lastSuccessAt,
        @Nullable Instant lastFailureAt,
        @Nullable String lastError,
        @Nullable String mode) {

    public static final MailboxHealth UNKNOWN = new MailboxHealth("unknown", 0, null, null, null, null);

    public boolean alert() {
        return "alert".equals(status);
    }
}
