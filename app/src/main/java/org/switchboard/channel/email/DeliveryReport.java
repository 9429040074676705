package org.switchboard.channel.email;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A machine-generated report about an earlier message: a delivery status notification (RFC 3464), a
 * read receipt (RFC 8098 message disposition notification) or an abuse report (RFC 5965 ARF). A report
 * never opens a case: it belongs to the case of {@link #originalMessageId()}.
 *
 * @param kind what the report is
 * @param originalMessageId the Message-ID (no angle brackets) of the message reported on, taken from the
 *     report's own fields or the returned headers; null when the report does not say
 * @param recipients per-recipient results of a DSN (empty for MDN and ARF)
 * @param disposition an MDN's disposition ({@code displayed}, {@code deleted} …) or an ARF feedback type
 *     ({@code abuse}, {@code fraud} …); null for a DSN
 */
public record DeliveryReport(
        Kind kind,
        @Nullable String originalMessageId,
        List<Recipient> recipients,
        @Nullable String disposition) {

    public DeliveryReport {
        recipients = List.copyOf(recipients);
    }

    public enum Kind {
        /** multipart/report; report-type=delivery-status */
        DELIVERY_STATUS,
        /** multipart/report; report-type=disposition-notification */
        READ_RECEIPT,
        /** multipart/report; report-type=feedback-report */
        ABUSE_REPORT
    }

    /**
     * One recipient of a DSN.
     *
     * @param address the final (or original) recipient address
     * @param action {@code failed}, {@code delayed}, {@code delivered}, {@code relayed} or {@code expanded}
     * @param status the enhanced status code ({@code 5.1.1})
     * @param diagnostic the remote server's diagnostic text, if given
     */
    public record Recipient(
            String address,
            String action,
            @Nullable String status,
            @Nullable String diagnostic) {

        public boolean failed() {
            return "failed".equals(action);
        }
    }

    /** Whether the report says the original message could not be delivered (to at least one recipient). */
    public boolean isFailure() {
        return kind == Kind.DELIVERY_STATUS && recipients.stream().anyMatch(Recipient::failed);
    }
}
