package org.switchboard.channel.email;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message as {@link EmailParser} understood it. Message-IDs are given without angle brackets and
 * compared exactly (their case is kept: RFC 5322 makes the local part case-sensitive).
 *
 * @param messageId the Message-ID, or null when the message has none or it is unreadable
 * @param inReplyTo the ids of In-Reply-To, in order
 * @param references the ids of References, oldest first, duplicates removed
 * @param subject the decoded subject ({@code ""} when absent)
 * @param date the Date header, or null when absent or unreadable (a defect is recorded)
 * @param from the first From address, or null when there is none
 * @param sender the Sender address, or null
 * @param replyTo the Reply-To addresses
 * @param to the To addresses
 * @param cc the Cc addresses
 * @param headers every top-level header field in order (decoded, unfolded)
 * @param text the plain-text body: the text/plain alternative, or text derived from the HTML one; null
 *     when the message has no text body at all
 * @param html the HTML body exactly as sent, or null. Untrusted: never render it without {@link
 *     EmailDisplay#sanitize}
 * @param attachments every other decoded leaf, in tree order (inline images included)
 * @param structure the MIME tree
 * @param report the delivery report this message is (DSN, MDN, ARF), or null
 * @param defects what was wrong with the message and was repaired or skipped, in a short English
 *     phrase each ({@code "missing closing boundary in part 1"}); empty for a clean message
 * @param size the raw message size in bytes
 */
public record ParsedEmail(
        @Nullable String messageId,
        List<String> inReplyTo,
        List<String> references,
        String subject,
        @Nullable Instant date,
        @Nullable EmailAddress from,
        @Nullable EmailAddress sender,
        List<EmailAddress> replyTo,
        List<EmailAddress> to,
        List<EmailAddress> cc,
        List<EmailHeader> headers,
        @Nullable String text,
        @Nullable String html,
        List<EmailAttachment> attachments,
        EmailPart structure,
        @Nullable DeliveryReport report,
        List<String> defects,
        long size) {

    public ParsedEmail {
        inReplyTo = List.copyOf(inReplyTo);
        references = List.copyOf(references);
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        headers = List.copyOf(headers);
        attachments = List.copyOf(attachments);
        defects = List.copyOf(defects);
    }

    /** The first value of a header field (names compared case-insensitively). */
    public Optional<String> header(String name) {
        return headers.stream()
                .filter(h -> h.name().equalsIgnoreCase(name))
                .map(EmailHeader::value)
                .findFirst();
    }

    /** Every value of a header field, in order. */
    public List<String> headers(String name) {
        return headers.stream()
                .filter(h -> h.name().equalsIgnoreCase(name))
                .map(EmailHeader::value)
                .toList();
    }

    /** Whether the message has a header field of this name. */
    public boolean hasHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return headers.stream().anyMatch(h -> h.name().toLowerCase(Locale.ROOT).equals(lower));
    }

    /** The address replies go to: the first Reply-To, else From. */
    public @Nullable EmailAddress replyAddress() {
        return replyTo.isEmpty() ? from : replyTo.getFirst();
    }
}
