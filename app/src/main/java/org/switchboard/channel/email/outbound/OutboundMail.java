package org.switchboard.channel.email.outbound;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;
import org.switchboard.cases.AttachmentView;
import org.switchboard.cases.AuthorKind;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.CaseParticipant;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Channel;
import org.switchboard.cases.ChannelReference;
import org.switchboard.cases.DeliveryStatus;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.MessageId;
import org.switchboard.cases.MessageSent;
import org.switchboard.cases.MessageView;
import org.switchboard.channel.email.EmailAddress;
import org.switchboard.channel.email.EmailThreading;
import org.switchboard.channel.email.mailbox.EmailChannelProperties;
import org.switchboard.channel.email.mailbox.MailSessions;
import org.switchboard.channel.email.mailbox.Mailbox;
import org.switchboard.channel.email.mailbox.Mailboxes;
import org.switchboard.customer.Customers;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;
import org.switchboard.identity.Role;
import org.switchboard.identity.UserSummary;
import org.switchboard.identity.Users;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RuleViolationException;

/**
 * Email replies: every public reply on an email case becomes an outbound row (in the transaction that
 * reacts to {@link MessageSent}, so none is lost), gets our Message-ID at once (recorded for threading),
 * waits for a supervisor when the four-eyes rule applies, and is sent over the mailbox's SMTP server with
 * In-Reply-To, References, the case token in the subject and the case's reply address. A failed send is
 * retried with exponential backoff and, after {@code max-attempts}, marked failed; each status is shown on
 * the case message.
 */
@Service
public class OutboundMail {

    private static final Logger log = LoggerFactory.getLogger(OutboundMail.class);
    private static final int MAX_REFERENCES = 20;

    private final JdbcClient jdbc;
    private final Cases cases;
    private final Customers customers;
    private final Users users;
    private final Mailboxes mailboxes;
    private final MailSessions sessions;
    private final EmailThreading threading;
    private final QueueEmailSettings settings;
    private final EmailTemplates templates;
    private final AuditLog audit;
    private final EmailChannelProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    OutboundMail(
            JdbcClient jdbc,
            Cases cases,
            Customers customers,
            Users users,
            Mailboxes mailboxes,
            MailSessions sessions,
            EmailThreading threading,
            QueueEmailSettings settings,
            EmailTemplates templates,
            AuditLog audit,
            EmailChannelProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.customers = customers;
        this.users = users;
        this.mailboxes = mailboxes;
        this.sessions = sessions;
        this.threading = threading;
        this.settings = settings;
        this.templates = templates;
        this.audit = audit;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** An outbound email as the API and the case page show it. */
    public record Outbound(
            UUID id,
            CaseId caseId,
            MessageId caseMessage,
            String messageId,
            DeliveryStatus status,
            int attempts,
            @Nullable Instant nextAttemptAt,
            @Nullable String lastError,
            @Nullable String approvalReason,
            @Nullable UUID decidedBy,
            @Nullable Instant sentAt,
            Instant createdAt,
            String kind,
            @Nullable UUID mailbox,
            @Nullable String recipient) {

        boolean acknowledgement() {
            return ACKNOWLEDGEMENT.equals(kind);
        }
    }

    static final String ACKNOWLEDGEMENT = "acknowledgement";
    private static final Set<String> TEMPLATE_LANGUAGES = Set.copyOf(EmailTemplates.LANGUAGES);

    @ApplicationModuleListener
    void on(MessageSent sent) {
        enqueue(sent.messageId(), sent.agent() == null ? null : sent.agent().value());
    }

    /** Queues a reply for sending (or approval); a reply queued before changes nothing. */
    @Transactional
    public void enqueue(MessageId id, @Nullable UUID author) {
        MessageView message = cases.message(id, null);
        if (message.channel() != Channel.EMAIL || message.author().kind() != AuthorKind.AGENT) {
            return;
        }
        if (jdbc.sql("select count(*) from email_outbound where case_message_id = ?")
                        .param(id.value())
                        .query(Long.class)
                        .single()
                > 0) {
            return;
        }
        CaseView view = cases.get(message.caseId(), null);
        Optional<Mailbox> mailbox = mailboxFor(view);
        String domain =
                mailbox.map(m -> new EmailAddress(m.address(), null).domain()).orElse("switchboard.invalid");
        String messageId = UUID.randomUUID() + "@" + domain;
        String reason = null;
        UserSummary user = author == null
                ? null
                : users.find(new org.switchboard.identity.UserId(author)).orElse(null);
        if (user != null && user.role() == Role.AGENT) {
            reason = settings.find(view.queue() == null ? null : view.queue().id())
                    .map(s -> s.approvalReason(message.text()))
                    .orElse(null);
        }
        DeliveryStatus status = reason != null ? DeliveryStatus.AWAITING_APPROVAL : DeliveryStatus.QUEUED;
        jdbc.sql("""
                        insert into email_outbound (id, case_id, case_message_id, mailbox_id, message_id, status,
                            next_attempt_at, author_id, approval_reason, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        view.id().value(),
                        id.value(),
                        mailbox.map(Mailbox::id).orElse(null),
                        messageId,
                        status.wire(),
                        Timestamp.from(clock.instant()),
                        author,
                        reason,
                        Timestamp.from(clock.instant()))
                .update();
        // recorded now, so a reply to it threads even if it arrives before the send is confirmed
        threading.recordSent(messageId, view.id(), id, references(view.id(), id), view.subject(), recipients(view));
        cases.recordDelivery(id, status, reason, messageId);
        if (status == DeliveryStatus.QUEUED) {
            sendAfterCommit();
        }
    }

    /**
     * Acknowledges an inbound mail that opened a case: the acknowledgement is written to the case as the
     * system's message (so the timeline shows what was sent) and queued like a reply, in the caller's
     * transaction. The outbound row is unique per inbound mail, so neither a repeated ingest nor a retry
     * acknowledges a mail twice. The decision (loop rules, rate limit) is the classifier's.
     *
     * @param inbound the stored inbound mail ({@code email_inbound.id})
     * @param language the mail's language (its {@code Content-Language}), used when the customer has none
     */
    @Transactional
    public void acknowledge(CaseId caseId, UUID inbound, Mailbox mailbox, EmailAddress to, @Nullable String language) {
        if (jdbc.sql("select count(*) from email_outbound where inbound_id = ?")
                        .param(inbound)
                        .query(Long.class)
                        .single()
                > 0) {
            return;
        }
        CaseView view = cases.get(caseId, null);
        Locale locale = templateLocale(
                customers
                        .find(view.customer().id())
                        .map(c -> c.preferredLanguage())
                        .orElse(null),
                language);
        String signature = settings.find(
                        view.queue() == null ? null : view.queue().id())
                .map(QueueEmailSettings.Settings::signature)
                .orElse(null);
        String name = view.customer().name() != null
                ? view.customer().name()
                : to.displayName() != null ? to.displayName() : "";
        String text = templates
                .text(EmailTemplates.Kind.ACKNOWLEDGEMENT, locale)
                .replace("{{subject}}", view.subject())
                .replace("{{customer.name}}", name)
                .replace("{{case.number}}", view.number())
                .replace("{{signature}}", signature == null ? "" : signature)
                .strip();
        String messageId = UUID.randomUUID() + "@" + new EmailAddress(mailbox.address(), null).domain();
        MessageView message = cases.automaticReply(
                caseId,
                Channel.EMAIL,
                new MessageDraft(text, null, List.of(), new ChannelReference(messageId, null), List.of()));
        Instant now = clock.instant();
        jdbc.sql("""
                        insert into email_outbound (id, case_id, case_message_id, mailbox_id, message_id, status,
                            next_attempt_at, created_at, kind, inbound_id, recipient)
                        values (?, ?, ?, ?, ?, 'queued', ?, ?, 'acknowledgement', ?, ?)""")
                .params(
                        UUID.randomUUID(),
                        caseId.value(),
                        message.id().value(),
                        mailbox.id(),
                        messageId,
                        Timestamp.from(now),
                        Timestamp.from(now),
                        inbound,
                        to.address())
                .update();
        threading.recordSent(
                messageId, caseId, message.id(), references(caseId, message.id()), view.subject(), List.of(to));
        cases.recordDelivery(message.id(), DeliveryStatus.QUEUED, "automatic acknowledgement", messageId);
        sendAfterCommit();
    }

    /** The customer's language, else the mail's, else English; only languages with templates. */
    static Locale templateLocale(@Nullable String preferred, @Nullable String mailLanguage) {
        for (String candidate : new String[] {preferred, mailLanguage}) {
            if (candidate == null || candidate.isBlank()) {
                continue;
            }
            String first = candidate.split("[,;]")[0].strip();
            String language = Locale.forLanguageTag(first).getLanguage();
            if (TEMPLATE_LANGUAGES.contains(language)) {
                return Locale.forLanguageTag(language);
            }
        }
        return Locale.ENGLISH;
    }

    /** A supervisor approves a held reply: it is sent. Audited. */
    @Transactional
    public Outbound approve(MessageId caseMessage, Actor actor) {
        Outbound outbound = held(caseMessage, actor);
        decide(outbound, DeliveryStatus.QUEUED, actor);
        cases.recordDelivery(caseMessage, DeliveryStatus.QUEUED, "approved by " + actor.displayName(), null);
        audit.record(
                actor,
                "email.reply.approved",
                "case_message",
                caseMessage.toString(),
                Map.of("case", outbound.caseId().toString()));
        sendAfterCommit();
        return find(caseMessage).orElseThrow();
    }

    /** A supervisor rejects a held reply: it is never sent. Audited. */
    @Transactional
    public Outbound reject(MessageId caseMessage, @Nullable String reason, Actor actor) {
        Outbound outbound = held(caseMessage, actor);
        decide(outbound, DeliveryStatus.REJECTED, actor);
        String detail =
                "rejected by " + actor.displayName() + (reason == null || reason.isBlank() ? "" : ": " + reason);
        cases.recordDelivery(caseMessage, DeliveryStatus.REJECTED, detail, null);
        audit.record(
                actor,
                "email.reply.rejected",
                "case_message",
                caseMessage.toString(),
                Map.of("case", outbound.caseId().toString()));
        return find(caseMessage).orElseThrow();
    }

    private Outbound held(MessageId caseMessage, Actor actor) {
        if (!actor.isAtLeast(Role.SUPERVISOR)) {
            throw new AccessDeniedException("Approving replies needs a supervisor");
        }
        Outbound outbound = find(caseMessage).orElseThrow(() -> new NotFoundException("outbound email", caseMessage));
        cases.get(outbound.caseId(), actor); // visibility
        if (outbound.status() != DeliveryStatus.AWAITING_APPROVAL) {
            throw new RuleViolationException("The reply is " + outbound.status().wire() + ", not awaiting approval");
        }
        return outbound;
    }

    private void decide(Outbound outbound, DeliveryStatus status, Actor actor) {
        jdbc.sql("""
                        update email_outbound set status = ?, decided_by = ?, decided_at = ?, next_attempt_at = ?
                        where id = ?""")
                .params(
                        status.wire(),
                        actor.id().value(),
                        Timestamp.from(clock.instant()),
                        Timestamp.from(clock.instant()),
                        outbound.id())
                .update();
    }

    public Optional<Outbound> find(MessageId caseMessage) {
        return jdbc.sql("select * from email_outbound where case_message_id = ?")
                .param(caseMessage.value())
                .query(OutboundMail::map)
                .optional();
    }

    public List<Outbound> ofCase(CaseId caseId) {
        return jdbc.sql("select * from email_outbound where case_id = ? order by created_at")
                .param(caseId.value())
                .query(OutboundMail::map)
                .list();
    }

    public List<Outbound> awaitingApproval(int limit) {
        return jdbc.sql("select * from email_outbound where status = 'awaiting_approval' order by created_at limit ?")
                .param(Math.max(1, Math.min(limit, 500)))
                .query(OutboundMail::map)
                .list();
    }

    private static Outbound map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp next = rs.getTimestamp("next_attempt_at");
        Timestamp sentAt = rs.getTimestamp("sent_at");
        return new Outbound(
                rs.getObject("id", UUID.class),
                new CaseId(rs.getObject("case_id", UUID.class)),
                new MessageId(rs.getObject("case_message_id", UUID.class)),
                rs.getString("message_id"),
                DeliveryStatus.of(rs.getString("status")),
                rs.getInt("attempts"),
                next == null ? null : next.toInstant(),
                rs.getString("last_error"),
                rs.getString("approval_reason"),
                rs.getObject("decided_by", UUID.class),
                sentAt == null ? null : sentAt.toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("kind"),
                rs.getObject("mailbox_id", UUID.class),
                rs.getString("recipient"));
    }

    private void sendAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    Thread.ofVirtual().name("email-send").start(OutboundMail.this::sendDue);
                }
            });
        }
    }

    /** Sends every queued reply that is due; one sender at a time per row (rows are locked while sent). */
    @Scheduled(fixedDelayString = "${switchboard.email.outbound.sweep-interval:5s}")
    public void sendDue() {
        while (true) {
            Boolean more = tx.execute(status -> sendOne());
            if (more == null || !more) {
                return;
            }
        }
    }

    private boolean sendOne() {
        Optional<Outbound> due = jdbc.sql("""
                        select * from email_outbound where status = 'queued' and next_attempt_at <= ?
                        order by next_attempt_at limit 1 for update skip locked""")
                .param(Timestamp.from(clock.instant()))
                .query(OutboundMail::map)
                .optional();
        if (due.isEmpty()) {
            return false;
        }
        Outbound outbound = due.get();
        try {
            send(outbound);
            jdbc.sql(
                            "update email_outbound set status = 'sent', attempts = attempts + 1, sent_at = ?, last_error = null"
                                    + " where id = ?")
                    .params(Timestamp.from(clock.instant()), outbound.id())
                    .update();
            cases.recordDelivery(outbound.caseMessage(), DeliveryStatus.SENT, null, null);
        } catch (Exception e) {
            int attempts = outbound.attempts() + 1;
            String error = MailSessions.describe(e);
            boolean giveUp = attempts >= properties.outbound().maxAttempts();
            Duration wait = backoff(attempts);
            jdbc.sql("""
                            update email_outbound set attempts = ?, last_error = ?, status = ?, next_attempt_at = ?
                            where id = ?""")
                    .params(
                            attempts,
                            error,
                            giveUp ? "failed" : "queued",
                            Timestamp.from(clock.instant().plus(wait)),
                            outbound.id())
                    .update();
            cases.recordDelivery(
                    outbound.caseMessage(),
                    giveUp ? DeliveryStatus.FAILED : DeliveryStatus.QUEUED,
                    (giveUp ? "failed after " : "attempt " + attempts + " failed, retrying; ")
                            + (giveUp ? attempts + " attempts: " : "")
                            + error,
                    null);
            log.warn(
                    "Sending reply {} of case {} failed (attempt {}): {}",
                    outbound.messageId(),
                    outbound.caseId(),
                    attempts,
                    error);
        }
        return true;
    }

    /** initial × 2^(attempts−1), at most max-backoff. */
    Duration backoff(int attempts) {
        Duration wait = properties.outbound().initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(properties.outbound().maxBackoff()) > 0
                ? properties.outbound().maxBackoff()
                : wait;
    }

    private void send(Outbound outbound) throws MessagingException, IOException {
        CaseView view = cases.get(outbound.caseId(), null);
        MessageView reply = cases.message(outbound.caseMessage(), null);
        Mailbox mailbox = Optional.ofNullable(outbound.mailbox())
                .flatMap(id -> mailboxes.find(id.toString()))
                .or(() -> mailboxFor(view))
                .orElseThrow(
                        () -> new MessagingException("No mailbox to send from: configure one for the case's queue"));
        var queueSettings =
                settings.find(view.queue() == null ? null : view.queue().id());
        boolean acknowledgement = outbound.acknowledgement();
        String to = acknowledgement ? outbound.recipient() : view.customer().email();
        if (to == null || to.isBlank()) {
            throw new MessagingException("The customer has no email address");
        }
        try (MailSessions.Connected smtp = sessions.connectSmtp(mailbox)) {
            OutboundMessage mail = new OutboundMessage(smtp.session(), outbound.messageId());
            String fromAddress =
                    queueSettings.map(QueueEmailSettings.Settings::fromAddress).orElse(null);
            String fromName =
                    queueSettings.map(QueueEmailSettings.Settings::fromName).orElse(mailbox.name());
            mail.setFrom(new InternetAddress(fromAddress != null ? fromAddress : mailbox.address(), fromName, "UTF-8"));
            mail.setReplyTo(
                    new InternetAddress[] {new InternetAddress(threading.replyAddress(mailbox.address(), view.number()))
                    });
            mail.setRecipient(
                    Message.RecipientType.TO,
                    new InternetAddress(to, view.customer().name(), "UTF-8"));
            List<InternetAddress> cc = new ArrayList<>();
            // an acknowledgement answers the sender only (RFC 3834), never the Cc recipients
            for (CaseParticipant p : acknowledgement ? List.<CaseParticipant>of() : cases.participants(view.id())) {
                cc.add(new InternetAddress(p.identity().value(), p.name(), "UTF-8"));
            }
            if (!cc.isEmpty()) {
                mail.setRecipients(Message.RecipientType.CC, cc.toArray(InternetAddress[]::new));
            }
            String subject =
                    view.subject().regionMatches(true, 0, "Re:", 0, 3) ? view.subject() : "Re: " + view.subject();
            mail.setSubject(threading.subjectWithToken(subject, view.number()), "UTF-8");
            List<String> references = references(view.id(), reply.id());
            if (!references.isEmpty()) {
                mail.setHeader("In-Reply-To", "<" + references.getLast() + ">");
                mail.setHeader(
                        "References",
                        String.join(
                                " ", references.stream().map(r -> "<" + r + ">").toList()));
            }
            if (acknowledgement) {
                // RFC 3834: other systems must not answer it (and Exchange should send no out-of-office)
                mail.setHeader("Auto-Submitted", "auto-replied");
                mail.setHeader("X-Auto-Response-Suppress", "All");
            } else {
                mail.setHeader("Auto-Submitted", "no");
            }
            mail.setSentDate(java.util.Date.from(clock.instant()));

            Locale locale = Locale.forLanguageTag(customers
                    .find(view.customer().id())
                    .map(c -> c.preferredLanguage() == null ? "en" : c.preferredLanguage())
                    .orElse("en"));
            String agent = reply.author().name() == null ? "" : reply.author().name();
            String signature =
                    queueSettings.map(QueueEmailSettings.Settings::signature).orElse("");
            String customerName =
                    view.customer().name() == null ? "" : view.customer().name();
            String text = acknowledgement
                    ? reply.text() // rendered from its template when it was written to the case
                    : render(
                            templates.text(EmailTemplates.Kind.REPLY, locale),
                            customerName,
                            view.number(),
                            agent,
                            reply.text(),
                            signature == null ? "" : signature);
            String html = !acknowledgement && reply.html() != null
                    ? render(
                            HtmlUtils.htmlEscape(templates.text(EmailTemplates.Kind.REPLY, locale))
                                    .replace("\n", "<br>\n"),
                            HtmlUtils.htmlEscape(customerName),
                            view.number(),
                            HtmlUtils.htmlEscape(agent),
                            reply.html(),
                            HtmlUtils.htmlEscape(signature == null ? "" : signature)
                                    .replace("\n", "<br>\n"))
                    : null;

            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(
                    html != null && (reply.text() == null || reply.text().isBlank())
                            ? Jsoup.parse(html).wholeText()
                            : text,
                    "UTF-8");
            alternative.addBodyPart(plain);
            MimeBodyPart rich = new MimeBodyPart();
            rich.setContent(
                    html != null ? "<html><body>" + html + "</body></html>" : textToHtml(text),
                    "text/html; charset=UTF-8");
            alternative.addBodyPart(rich);
            if (reply.attachments().isEmpty()) {
                mail.setContent(alternative);
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                MimeBodyPart body = new MimeBodyPart();
                body.setContent(alternative);
                mixed.addBodyPart(body);
                for (AttachmentView a : reply.attachments()) {
                    byte[] bytes;
                    try (InputStream in =
                            cases.attachment(a.id(), null).content().open()) {
                        bytes = in.readAllBytes();
                    }
                    MimeBodyPart file = new MimeBodyPart();
                    file.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, a.contentType())));
                    file.setFileName(a.filename());
                    file.setDisposition(MimeBodyPart.ATTACHMENT);
                    mixed.addBodyPart(file);
                }
                mail.setContent(mixed);
            }
            mail.saveChanges();
            InternetAddress[] all = new InternetAddress[1 + cc.size()];
            all[0] = new InternetAddress(to);
            for (int i = 0; i < cc.size(); i++) {
                all[i + 1] = cc.get(i);
            }
            smtp.transport().sendMessage(mail, all);
        }
    }

    static String render(String template, String customer, String number, String agent, String body, String signature) {
        return template.replace("{{customer.name}}", customer)
                .replace("{{case.number}}", number)
                .replace("{{agent.name}}", agent)
                .replace("{{signature}}", signature)
                .replace("{{body}}", body)
                .strip();
    }

    private static String textToHtml(String text) {
        return "<html><body><p>"
                + HtmlUtils.htmlEscape(text).replace("\n\n", "</p><p>").replace("\n", "<br>") + "</p></body></html>";
    }

    /** The Message-IDs of the case's earlier email messages, oldest first, the latest inbound last. */
    private List<String> references(CaseId caseId, MessageId before) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        String lastInbound = null;
        for (MessageView m : cases.messages(caseId, null)) {
            if (m.id().equals(before)) {
                break;
            }
            if (m.messageId() != null) {
                ids.add(m.messageId());
                if (m.author().kind() == AuthorKind.CUSTOMER) {
                    lastInbound = m.messageId();
                }
            }
        }
        if (lastInbound != null) {
            ids.remove(lastInbound);
            ids.add(lastInbound);
        }
        List<String> all = new ArrayList<>(ids);
        return all.size() > MAX_REFERENCES ? all.subList(all.size() - MAX_REFERENCES, all.size()) : all;
    }

    private List<EmailAddress> recipients(CaseView view) {
        List<EmailAddress> all = new ArrayList<>();
        if (view.customer().email() != null) {
            all.add(EmailAddress.of(view.customer().email()));
        }
        cases.participants(view.id())
                .forEach(p -> all.add(EmailAddress.of(p.identity().value())));
        return all;
    }

    /** The mailbox the case's mail came in on; else one serving its queue; else the first active one. */
    private Optional<Mailbox> mailboxFor(CaseView view) {
        Optional<UUID> inbound =
                jdbc.sql("""
                        select mailbox_id from email_inbound where case_id = ? and status = 'ingested'
                        order by fetched_at desc limit 1""").param(view.id().value()).query(UUID.class).optional();
        if (inbound.isPresent()) {
            Optional<Mailbox> found = mailboxes.find(inbound.get().toString());
            if (found.isPresent()) {
                return found;
            }
        }
        List<Mailbox> all = mailboxes.list();
        if (view.queue() != null) {
            for (Mailbox m : all) {
                if (view.queue().id().equals(m.queue())) {
                    return Optional.of(m);
                }
            }
        }
        return all.stream().filter(Mailbox::active).findFirst();
    }
}
