package org.switchboard.channel.email;

import org.jspecify.annotations.Nullable;

/**
 * Whether to send the automatic acknowledgement for an inbound message.
 *
 * @param send true: send it (the send has been counted against the sender's rate limit)
 * @param to the address to acknowledge, when {@code send}
 * @param reason why not, e.g. {@code "auto-submitted"} or {@code "rate limit: 3 in 1h"}; null when sent
 */
public record AutoAcknowledgement(
        boolean send, @Nullable EmailAddress to, @Nullable String reason) {

    public static AutoAcknowledgement sendTo(EmailAddress to) {
        return new AutoAcknowledgement(true, to, null);
    }

    public static AutoAcknowledgement suppressed(String reason) {
        return new AutoAcknowledgement(false, null, reason);
    }
}
