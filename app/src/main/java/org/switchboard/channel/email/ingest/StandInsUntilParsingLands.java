package org.switchboard.channel.email.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.Cases;
import org.switchboard.cases.MessageId;
import org.switchboard.channel.email.AuthenticationResults;
import org.switchboard.channel.email.AutoAcknowledgement;
import org.switchboard.channel.email.Classification;
import org.switchboard.channel.email.ClassificationContext;
import org.switchboard.channel.email.EmailAddress;
import org.switchboard.channel.email.EmailClassifier;
import org.switchboard.channel.email.EmailQuarantine;
import org.switchboard.channel.email.EmailThreading;
import org.switchboard.channel.email.InboundDisposition;
import org.switchboard.channel.email.InboundFlag;
import org.switchboard.channel.email.ParseLimits;
import org.switchboard.channel.email.ParsedEmail;
import org.switchboard.channel.email.QuarantinedEmail;
import org.switchboard.channel.email.ThreadEntry;
import org.switchboard.channel.email.ThreadResolution;
import org.switchboard.channel.email.ThreadedBy;
import org.switchboard.identity.Actor;

/**
 * Minimal stand-ins for the threading, classification and quarantine services, used only while their
 * full implementations are absent from the application (each is replaced as soon as a real bean
 * exists): exact Message-ID threading in memory, the case token in the subject, a loop check on our own
 * addresses and on agents' addresses, and an in-memory quarantine.
 */
@Configuration(proxyBeanMethods = false)
class StandInsUntilParsingLands {

    private static final Pattern TOKEN = Pattern.compile("\\[(SB-\\d+)]", Pattern.CASE_INSENSITIVE);

    @Bean
    @ConditionalOnMissingBean(EmailThreading.class)
    EmailThreading standInThreading(Cases cases) {
        Map<String, ThreadEntry> known = new ConcurrentHashMap<>();
        return new EmailThreading() {
            @Override
            public ThreadResolution resolve(ParsedEmail email) {
                for (String id : email.inReplyTo()) {
                    ThreadEntry e = known.get(id);
                    if (e != null) {
                        return new ThreadResolution.Existing(e.caseId(), ThreadedBy.IN_REPLY_TO, id);
                    }
                }
                for (String id : email.references().reversed()) {
                    ThreadEntry e = known.get(id);
                    if (e != null) {
                        return new ThreadResolution.Existing(e.caseId(), ThreadedBy.REFERENCES, id);
                    }
                }
                var m = TOKEN.matcher(email.subject());
                if (m.find()) {
                    try {
                        return new ThreadResolution.Existing(
                                cases.get(m.group(1), null).id(), ThreadedBy.SUBJECT_TOKEN, m.group(1));
                    } catch (RuntimeException unknown) {
                        // not one of ours
                    }
                }
                return new ThreadResolution.New();
            }

            @Override
            public void recordReceived(
                    ParsedEmail email, CaseId caseId, @Nullable MessageId caseMessage, ThreadedBy threadedBy) {
                if (email.messageId() != null) {
                    known.put(
                            email.messageId(),
                            new ThreadEntry(
                                    email.messageId(), caseId, "received", caseMessage, threadedBy, Instant.now()));
                }
            }

            @Override
            public void recordSent(
                    String messageId,
                    CaseId caseId,
                    @Nullable MessageId caseMessage,
                    List<String> references,
                    String subject,
                    List<EmailAddress> recipients) {
                known.put(messageId, new ThreadEntry(messageId, caseId, "sent", caseMessage, null, Instant.now()));
            }

            @Override
            public Optional<ThreadEntry> find(String messageId) {
                return Optional.ofNullable(known.get(messageId.replace("<", "").replace(">", "")));
            }

            @Override
            public Optional<ThreadEntry> findByCaseMessage(MessageId caseMessage) {
                return known.values().stream()
                        .filter(e -> caseMessage.equals(e.caseMessage()))
                        .findFirst();
            }

            @Override
            public String replyAddress(String mailboxAddress, String caseNumber) {
                int at = mailboxAddress.indexOf('@');
                return mailboxAddress.substring(0, at) + "+c-" + caseNumber.toLowerCase(java.util.Locale.ROOT)
                        + mailboxAddress.substring(at);
            }

            @Override
            public Optional<String> caseNumberOfReplyAddress(String address) {
                var m = Pattern.compile("\\+c-(sb-\\d+)").matcher(address);
                return m.find() ? Optional.of(m.group(1).toUpperCase(java.util.Locale.ROOT)) : Optional.empty();
            }

            @Override
            public String subjectWithToken(String subject, String caseNumber) {
                return subject.contains("[" + caseNumber + "]") ? subject : subject + " [" + caseNumber + "]";
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(EmailClassifier.class)
    EmailClassifier standInClassifier() {
        return new EmailClassifier() {
            @Override
            public Classification classify(ParsedEmail email, ClassificationContext context) {
                EmailAddress from = email.from();
                boolean loop = from != null && context.mailboxAddresses().contains(from.address());
                boolean claimsAgent = from != null && context.agentAddresses().contains(from.address());
                Set<InboundFlag> flags = loop
                        ? Set.of(InboundFlag.LOOP)
                        : claimsAgent ? Set.of(InboundFlag.CLAIMS_AGENT_ADDRESS) : Set.of();
                return new Classification(
                        loop ? InboundDisposition.DISCARD : InboundDisposition.CASE,
                        flags,
                        email.replyAddress(),
                        null,
                        null,
                        List.of(),
                        AuthenticationResults.NONE,
                        null,
                        claimsAgent ? from.address() : null,
                        null,
                        null,
                        loop ? List.of("from one of our mailboxes") : List.of());
            }

            @Override
            public AutoAcknowledgement autoAcknowledgement(
                    ParsedEmail email, Classification classification, boolean newCase) {
                return AutoAcknowledgement.suppressed("not configured");
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(EmailQuarantine.class)
    EmailQuarantine standInQuarantine() {
        Map<UUID, QuarantinedEmail> entries = new ConcurrentHashMap<>();
        Map<UUID, byte[]> raws = new ConcurrentHashMap<>();
        return new EmailQuarantine() {
            @Override
            public QuarantinedEmail quarantine(
                    String mailbox, @Nullable String source, byte[] raw, String reason, List<String> defects) {
                UUID id = UUID.randomUUID();
                var entry = new QuarantinedEmail(
                        id, mailbox, source, reason, defects, raw.length, "quarantined", 1, Instant.now(), null, null);
                entries.put(id, entry);
                raws.put(id, raw);
                return entry;
            }

            @Override
            public List<QuarantinedEmail> list(@Nullable String status, int limit) {
                return entries.values().stream().limit(limit).toList();
            }

            @Override
            public QuarantinedEmail get(UUID id) {
                return entries.get(id);
            }

            @Override
            public byte[] raw(UUID id) {
                return raws.get(id);
            }

            @Override
            public QuarantinedEmail reprocess(UUID id, @Nullable ParseLimits limits, Actor actor) {
                return entries.get(id);
            }

            @Override
            public QuarantinedEmail discard(UUID id, Actor actor) {
                return entries.get(id);
            }
        };
    }
}
