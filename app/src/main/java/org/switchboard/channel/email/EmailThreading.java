package org.switchboard.channel.email;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.MessageId;

/**
 * Threads inbound mail into cases, exactly and explainably. Every Message-ID Switchboard receives or sends
 * is recorded with its case, and so is every id a recorded message names in In-Reply-To or References
 * (as a "phantom" until that message itself arrives).
 *
 * <p>{@link #resolve} tries, in order: In-Reply-To; References (newest first), plus the message's own
 * Message-ID when an earlier message named it (out-of-order arrival); the case token in the subject
 * ({@code [SB-10042]}); a case reply address among the recipients; and, when {@code
 * switchboard.email.inbound.threading.subject-heuristic} is on, the same normalized subject with a shared
 * participant within a window. Cases merged into another are followed to the surviving case.
 *
 * <p>Call {@link #recordReceived} in the same transaction that stores the case message, and {@link
 * #recordSent} when an outbound message gets its Message-ID, so a reply to it threads even if it arrives
 * before the send is confirmed.
 */
public interface EmailThreading {

    /** Where this inbound message belongs. Reads only; records nothing. */
    ThreadResolution resolve(ParsedEmail email);

    /**
     * Records an inbound message as part of a case: its Message-ID (a message without one is recorded by
     * its references only), and its In-Reply-To and References ids as phantoms of the same case where
     * they are not known yet. Recording the same Message-ID again moves it to the given case (a split).
     */
    void recordReceived(ParsedEmail email, CaseId caseId, @Nullable MessageId caseMessage, ThreadedBy threadedBy);

    /**
     * Records a message Switchboard sends.
     *
     * @param messageId our Message-ID, without angle brackets
     * @param references the ids we put in References (In-Reply-To included), recorded as phantoms
     * @param subject the subject sent (for the subject heuristic)
     * @param recipients the To and Cc addresses (for the subject heuristic)
     */
    void recordSent(
            String messageId,
            CaseId caseId,
            @Nullable MessageId caseMessage,
            List<String> references,
            String subject,
            List<EmailAddress> recipients);

    /** What is known of a Message-ID (angle brackets optional). */
    Optional<ThreadEntry> find(String messageId);

    /** The recorded Message-ID of a case message, if it came or went by email. */
    Optional<ThreadEntry> findByCaseMessage(MessageId caseMessage);

    /**
     * The reply address of a case for a mailbox: {@code support@example.com} and {@code SB-10042} give
     * {@code support+c-sb-10042-<signature>@example.com} (the number lower-cased), where the signature (8 base32 characters of an
     * HMAC-SHA256 keyed by {@code switchboard.email.inbound.threading.reply-token-secret}) makes the
     * address unguessable. An existing {@code +tag} of the mailbox address is replaced.
     */
    String replyAddress(String mailboxAddress, String caseNumber);

    /** The case number a reply address names, if the address is one and its signature is valid. */
    Optional<String> caseNumberOfReplyAddress(String address);

    /** The subject with the case token appended once: {@code "Parcel lost [SB-10042]"}. */
    String subjectWithToken(String subject, String caseNumber);
}
