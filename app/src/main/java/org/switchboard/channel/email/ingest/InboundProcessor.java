package org.switchboard.channel.email.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.CaseParticipant;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Channel;
import org.switchboard.cases.ChannelReference;
import org.switchboard.cases.CustomerMessageOutcome;
import org.switchboard.cases.DeliveryStatus;
import org.switchboard.cases.InboundFile;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.MessageId;
import org.switchboard.cases.OpenCase;
import org.switchboard.cases.OpenedCase;
import org.switchboard.cases.QueueId;
import org.switchboard.channel.email.AutoAcknowledgement;
import org.switchboard.channel.email.BouncedReply;
import org.switchboard.channel.email.Classification;
import org.switchboard.channel.email.ClassificationContext;
import org.switchboard.channel.email.EmailAddress;
import org.switchboard.channel.email.EmailAttachment;
import org.switchboard.channel.email.EmailClassifier;
import org.switchboard.channel.email.EmailParser;
import org.switchboard.channel.email.EmailQuarantine;
import org.switchboard.channel.email.EmailThreading;
import org.switchboard.channel.email.ParseOutcome;
import org.switchboard.channel.email.ParsedEmail;
import org.switchboard.channel.email.ThreadResolution;
import org.switchboard.channel.email.ThreadedBy;
import org.switchboard.channel.email.mailbox.Mailbox;
import org.switchboard.channel.email.mailbox.Mailboxes;
import org.switchboard.channel.email.outbound.OutboundMail;
import org.switchboard.channel.email.outbound.QueueEmailSettings;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.Customers;
import org.switchboard.identity.Users;

/**
 * Turns one stored raw message into its effect, in one transaction with the row's new status: a customer
 * message on a case (new or threaded), a quarantine entry, a report on its case, or nothing (noise,
 * duplicate). The row is locked first and only a {@code stored} row is processed, so two processors (or a
 * repeat after a crash) never process a message twice; and since the case message and the status commit
 * together, a crash leaves either both or neither.
 */
@Component
class InboundProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundProcessor.class);
    static final int MAX_TEXT = 100_000;
    static final int MAX_SUBJECT = 250;

    private final JdbcClient jdbc;
    private final EmailParser parser;
    private final EmailClassifier classifier;
    private final EmailThreading threading;
    private final EmailQuarantine quarantine;
    private final Customers customers;
    private final Cases cases;
    private final Mailboxes mailboxes;
    private final Users users;
    private final QueueEmailSettings queueSettings;
    private final OutboundMail outbound;
    private final Clock clock;

    InboundProcessor(
            JdbcClient jdbc,
            EmailParser parser,
            EmailClassifier classifier,
            EmailThreading threading,
            EmailQuarantine quarantine,
            Customers customers,
            Cases cases,
            Mailboxes mailboxes,
            Users users,
            QueueEmailSettings queueSettings,
            OutboundMail outbound,
            Clock clock) {
        this.jdbc = jdbc;
        this.parser = parser;
        this.classifier = classifier;
        this.threading = threading;
        this.quarantine = quarantine;
        this.customers = customers;
        this.cases = cases;
        this.mailboxes = mailboxes;
        this.users = users;
        this.queueSettings = queueSettings;
        this.outbound = outbound;
        this.clock = clock;
    }

    /**
     * Our mailbox addresses and the agents' addresses, read by every message (loop and spoofing checks,
     * participants): kept for a few seconds instead of three queries per mail; a mailbox change clears
     * them at once, a new agent address counts within {@link #ADDRESSES_TTL}.
     */
    private record Addresses(Set<String> mailboxes, Set<String> agents, long expiresAt) {}

    static final java.time.Duration ADDRESSES_TTL = java.time.Duration.ofSeconds(5);
    private volatile @Nullable Addresses addresses;

    private Addresses addresses() {
        Addresses current = addresses;
        long now = System.nanoTime();
        if (current == null || now - current.expiresAt() > 0) {
            current = new Addresses(
                    Set.copyOf(mailboxes.allAddresses()),
                    Set.copyOf(users.emailAddresses()),
                    now + ADDRESSES_TTL.toNanos());
            addresses = current;
        }
        return current;
    }

    @org.springframework.context.event.EventListener
    void on(Mailboxes.MailboxesChanged changed) {
        addresses = null;
    }

    /** What became of a stored message. */
    enum Result {
        INGESTED,
        DUPLICATE,
        QUARANTINED,
        DISCARDED,
        REPORTED,
        /** Not (or no longer) {@code stored}: processed by someone else, or unknown. */
        SKIPPED
    }

    record Stored(
            UUID id,
            UUID mailbox,
            String folder,
            long uidValidity,
            long uid,
            @Nullable String messageId,
            String contentHash,
            byte[] raw) {}

    @Transactional
    Result process(UUID inboundId, Mailbox mailbox) {
        return process(inboundId, null, mailbox);
    }

    /**
     * Processes a stored message; {@code raw}, when given, is what was stored for it (just fetched), so
     * the row is only locked, not read back.
     */
    @Transactional
    Result process(UUID inboundId, byte @Nullable [] raw, Mailbox mailbox) {
        Optional<Stored> locked = jdbc.sql("""
                        select id, mailbox_id, folder, uidvalidity, uid, message_id, content_hash%s
                        from email_inbound where id = ? and status = 'stored' for update skip locked""".formatted(raw == null ? ", raw" : ""))
                .param(inboundId)
                .query((rs, n) -> new Stored(
                        rs.getObject("id", UUID.class),
                        rs.getObject("mailbox_id", UUID.class),
                        rs.getString("folder"),
                        rs.getLong("uidvalidity"),
                        rs.getLong("uid"),
                        rs.getString("message_id"),
                        rs.getString("content_hash"),
                        raw == null ? rs.getBytes("raw") : raw))
                .optional();
        if (locked.isEmpty()) {
            return Result.SKIPPED;
        }
        Stored row = locked.get();
        MDC.put("emailInbound", row.id().toString());
        try {
            return process(row, mailbox);
        } finally {
            MDC.remove("emailInbound");
        }
    }

    private Result process(Stored row, Mailbox mailbox) {
        UUID earlier = row.messageId() != null
                ? jdbc.sql("""
                                select id from email_inbound where mailbox_id = ? and message_id = ?
                                    and status = 'ingested' limit 1""")
                        .params(row.mailbox(), row.messageId())
                        .query(UUID.class)
                        .optional()
                        .orElse(null)
                : jdbc.sql("""
                                select id from email_inbound where mailbox_id = ? and content_hash = ?
                                    and message_id is null and status = 'ingested' limit 1""")
                        .params(row.mailbox(), row.contentHash())
                        .query(UUID.class)
                        .optional()
                        .orElse(null);
        if (earlier != null) {
            finish(row, "duplicate", null, null, null, "already ingested as " + earlier);
            return Result.DUPLICATE;
        }
        ParseOutcome outcome = parser.parse(row.raw());
        if (outcome instanceof ParseOutcome.Unparseable unparseable) {
            quarantine.quarantine(
                    mailbox.address(), source(row), row.raw(), unparseable.reason(), unparseable.defects());
            finish(row, "quarantined", null, null, null, unparseable.reason());
            return Result.QUARANTINED;
        }
        ParsedEmail email = ((ParseOutcome.Parsed) outcome).email();
        Classification classification = classifier.classify(
                email,
                ClassificationContext.of(addresses().mailboxes(), addresses().agents()));
        return switch (classification.disposition()) {
            case DISCARD -> {
                finish(row, "discarded", null, null, null, String.join("; ", classification.reasons()));
                yield Result.DISCARDED;
            }
            case ATTACH_TO_ORIGINAL -> report(row, classification);
            case CASE -> ingest(row, mailbox, email, classification);
        };
    }

    private Result report(Stored row, Classification classification) {
        for (BouncedReply bounced : classification.bouncedReplies()) {
            MessageId message = bounced.caseMessage();
            if (message != null) {
                cases.recordDelivery(message, DeliveryStatus.FAILED, "bounced: " + bounced.reason(), null);
                jdbc.sql("update email_outbound set status = 'failed', last_error = ? where case_message_id = ?")
                        .params("bounced: " + bounced.reason(), message.value())
                        .update();
            }
        }
        CaseId reported = classification.reportedCase();
        String kind = classification.report() == null
                ? "report"
                : classification.report().kind().name().toLowerCase(Locale.ROOT);
        finish(row, "reported", reported, null, null, kind);
        return Result.REPORTED;
    }

    private Result ingest(Stored row, Mailbox mailbox, ParsedEmail email, Classification classification) {
        EmailAddress who = classification.customer() != null ? classification.customer() : email.replyAddress();
        if (who == null) {
            return quarantine(row, mailbox, "The message names no sender (no From or Reply-To)");
        }
        ChannelIdentity identity;
        try {
            identity = ChannelIdentity.email(who.address());
        } catch (IllegalArgumentException e) {
            return quarantine(row, mailbox, "The sender address " + who.address() + " " + e.getMessage());
        }
        CustomerId customer = customers.identifyOrCreate(identity, who.displayName());
        ThreadResolution resolution = threading.resolve(email);
        MessageDraft draft = draft(email, resolution.threadedBy());
        CaseId caseId;
        MessageId message;
        QueueId queue = null;
        ThreadedBy threadedBy = resolution.threadedBy();
        if (resolution instanceof ThreadResolution.Existing existing) {
            CustomerMessageOutcome outcome = cases.receiveCustomerMessage(existing.caseId(), Channel.EMAIL, draft);
            caseId = outcome.caseId();
            message = outcome.messageId();
            mergeSplitThread(caseId, existing.alsoLinked());
        } else {
            queue = mailboxes.queueFor(mailbox, recipients(email));
            OpenedCase opened = cases.openCase(
                    new OpenCase(subject(email.subject()), customer, queue, null, Channel.EMAIL, draft, null, null),
                    null);
            caseId = opened.view().id();
            message = opened.firstMessage();
        }
        threading.recordReceived(email, caseId, message, threadedBy);
        List<CaseParticipant> participants = participants(email, who, mailbox);
        if (!participants.isEmpty()) {
            cases.addParticipants(caseId, participants);
        }
        if (queue != null && queueSettings.autoAcknowledges(queue)) {
            acknowledge(row, mailbox, email, classification, caseId);
        }
        finish(row, "ingested", caseId, message, threadedBy.wire(), flags(classification));
        return Result.INGESTED;
    }

    /**
     * The classifier decides (loop rules, the per-sender rate limit, counted in this transaction); the
     * acknowledgement is queued in the same transaction as the case, so it exists exactly when the case does.
     */
    private void acknowledge(
            Stored row, Mailbox mailbox, ParsedEmail email, Classification classification, CaseId caseId) {
        AutoAcknowledgement decision = classifier.autoAcknowledgement(email, classification, true);
        if (decision.send() && decision.to() != null) {
            String language =
                    email.headers("Content-Language").stream().findFirst().orElse(null);
            outbound.acknowledge(caseId, row.id(), mailbox, decision.to(), language);
        } else {
            log.debug("No acknowledgement for email {} of mailbox {}: {}", row.uid(), row.mailbox(), decision.reason());
        }
    }

    /**
     * A message whose ids point to several cases (a parent arriving after its replies opened cases of
     * their own) shows them to be one conversation: the others are merged into its case by the system.
     * Checked first, so a rule of the merge never rolls back the ingest.
     */
    private void mergeSplitThread(CaseId into, List<CaseId> others) {
        for (CaseId other : others) {
            if (other.equals(into)) {
                continue;
            }
            CaseView source = cases.get(other, null);
            if (source.mergedInto() == null) {
                cases.merge(other, into, null);
            }
        }
    }

    private Result quarantine(Stored row, Mailbox mailbox, String reason) {
        quarantine.quarantine(mailbox.address(), source(row), row.raw(), reason, List.of());
        finish(row, "quarantined", null, null, null, reason);
        return Result.QUARANTINED;
    }

    private static @Nullable String flags(Classification classification) {
        return classification.flags().isEmpty()
                ? null
                : String.join(
                        ",",
                        classification.flags().stream()
                                .map(f -> f.wire())
                                .sorted()
                                .toList());
    }

    /** Cc recipients (and other To recipients) who are neither the customer nor one of our addresses. */
    private List<CaseParticipant> participants(ParsedEmail email, EmailAddress customer, Mailbox mailbox) {
        Set<String> ours = addresses().mailboxes();
        Set<String> seen = new LinkedHashSet<>();
        List<CaseParticipant> participants = new ArrayList<>();
        var now = clock.instant();
        for (var list : List.of(email.cc(), email.to())) {
            String role = list == email.cc() ? "cc" : "to";
            for (EmailAddress address : list) {
                String a = address.address();
                if (a.equals(customer.address())
                        || ours.contains(a)
                        || stripPlus(a).equals(stripPlus(mailbox.address()))
                        || threading.caseNumberOfReplyAddress(a).isPresent()
                        || !seen.add(a)) {
                    continue;
                }
                try {
                    participants.add(new CaseParticipant(ChannelIdentity.email(a), address.displayName(), role, now));
                } catch (IllegalArgumentException invalid) {
                    // an address we could not write back to is no participant
                }
            }
        }
        return participants;
    }

    static String stripPlus(String address) {
        int at = address.lastIndexOf('@');
        int plus = address.indexOf('+');
        return plus > 0 && plus < at ? address.substring(0, plus) + address.substring(at) : address;
    }

    /** To, Cc and the delivery headers servers add, lower-case, in that order. */
    static List<String> recipients(ParsedEmail email) {
        List<String> all = new ArrayList<>();
        for (String header : List.of("Delivered-To", "X-Original-To", "Envelope-To")) {
            email.headers(header).forEach(v -> all.add(unbracket(v)));
        }
        email.to().forEach(a -> all.add(a.address()));
        email.cc().forEach(a -> all.add(a.address()));
        return all;
    }

    private static String unbracket(String value) {
        String v = value.strip();
        int open = v.indexOf('<');
        int close = v.indexOf('>', open + 1);
        return (open >= 0 && close > open ? v.substring(open + 1, close) : v).toLowerCase(Locale.ROOT);
    }

    private static MessageDraft draft(ParsedEmail email, ThreadedBy threadedBy) {
        String text = email.text();
        if (text != null && text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT);
        }
        if ((text == null || text.isBlank()) && email.html() == null) {
            text = email.subject().isBlank() ? "(empty message)" : email.subject();
        }
        List<InboundFile> files = new ArrayList<>();
        for (EmailAttachment attachment : email.attachments()) {
            if (attachment.size() > 0) {
                files.add(new InboundFile(attachment.filename(), attachment.content(), attachment.contentId()));
            }
        }
        return new MessageDraft(
                text == null ? "" : text,
                email.html(),
                List.of(),
                new ChannelReference(email.messageId(), threadedBy.wire()),
                files);
    }

    static String subject(String subject) {
        String s = subject == null ? "" : subject.strip();
        if (s.isEmpty()) {
            return "(no subject)";
        }
        return s.length() > MAX_SUBJECT ? s.substring(0, MAX_SUBJECT) : s;
    }

    private static String source(Stored row) {
        return row.folder() + "/" + row.uidValidity() + "/" + row.uid();
    }

    private void finish(
            Stored row,
            String status,
            @Nullable CaseId caseId,
            @Nullable MessageId message,
            @Nullable String threadedBy,
            @Nullable String detail) {
        jdbc.sql("""
                        update email_inbound set status = ?, case_id = ?, case_message_id = ?, threaded_by = ?,
                            detail = ?, processed_at = ?, attempts = attempts + 1
                        where id = ?""")
                .params(
                        status,
                        caseId == null ? null : caseId.value(),
                        message == null ? null : message.value(),
                        threadedBy,
                        detail,
                        Timestamp.from(clock.instant()),
                        row.id())
                .update();
        if (caseId != null) {
            log.debug("Email {} of mailbox {} {} into case {}", row.uid(), row.mailbox(), status, caseId);
        }
    }

    /** Counts a failed attempt; after three the row is {@code failed} and kept for an administrator. */
    @Transactional
    void recordFailure(UUID inboundId, String error) {
        jdbc.sql("""
                        update email_inbound set attempts = attempts + 1, detail = ?,
                            status = case when attempts + 1 >= 3 then 'failed' else status end
                        where id = ? and status = 'stored'""")
                .params(error.length() > 500 ? error.substring(0, 500) : error, inboundId)
                .update();
    }
}
