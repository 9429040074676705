package org.switchboard.channel.email;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One blocklist entry.
 *
 * @param pattern a lower-case address ({@code spam@example.com}) or a domain ({@code example.com}, which
 *     also covers its subdomains)
 * @param note why it was blocked
 * @param createdBy the username of the administrator who added it
 */
public record BlockedSender(
        UUID id, String pattern, @Nullable String note, String createdBy, Instant createdAt) {

    public boolean isDomain() {
        return pattern.indexOf('@') < 0;
    }
}
