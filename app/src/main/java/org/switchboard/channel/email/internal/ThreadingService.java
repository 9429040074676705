package org.switchboard.channel.email.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.CaseFilter;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.CaseSort;
import org.switchboard.cases.CaseSplit;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.CasesMerged;
import org.switchboard.cases.MessageId;
import org.switchboard.channel.email.EmailAddress;
import org.switchboard.channel.email.EmailThreading;
import org.switchboard.channel.email.ParsedEmail;
import org.switchboard.channel.email.ThreadEntry;
import org.switchboard.channel.email.ThreadResolution;
import org.switchboard.channel.email.ThreadedBy;
import org.switchboard.platform.NotFoundException;

/**
 * Threading on {@code email_thread_message}. One indexed lookup of all the ids a message names decides the
 * id-based rules; tokens and reply addresses are checked against {@link Cases}.
 */
@Service
class ThreadingService implements EmailThreading {

    private static final Pattern CASE_TOKEN = Pattern.compile("\\[([A-Za-z]{1,10}-\\d{1,12})]");
    private static final List<String> RECIPIENT_HEADERS =
            List.of("To", "Cc", "Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To");

    private final JdbcClient jdbc;
    private final Cases cases;
    private final Clock clock;
    private final InboundEmailProperties.Threading settings;
    private final ReplyTokens tokens;

    ThreadingService(JdbcClient jdbc, Cases cases, Clock clock, InboundEmailProperties properties) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.clock = clock;
        this.settings = properties.threading();
        this.tokens = new ReplyTokens(settings.replyTokenSecret());
    }

    // Not transactional itself: each read stands alone, and a caller's transaction is joined as it is.
    @Override
    public ThreadResolution resolve(ParsedEmail email) {
        // 1 + 2: ids. In-Reply-To first, then References newest first, then our own id named earlier.
        List<String> inReplyTo = email.inReplyTo().stream().map(ThreadKeys::id).toList();
        List<String> references =
                new ArrayList<>(email.references().stream().map(ThreadKeys::id).toList());
        java.util.Collections.reverse(references);
        LinkedHashSet<String> all = new LinkedHashSet<>(inReplyTo);
        all.addAll(references);
        String own = email.messageId() == null ? null : ThreadKeys.id(email.messageId());
        if (own != null) {
            all.add(own);
        }
        Map<String, Row> known = all.isEmpty() ? Map.of() : rows(all);
        List<Candidate> candidates = new ArrayList<>();
        for (String id : inReplyTo) {
            Row row = known.get(id);
            if (row != null) {
                candidates.add(new Candidate(
                        row, row.phantom() ? ThreadedBy.REFERENCES : ThreadedBy.IN_REPLY_TO, id, row.phantom()));
            }
        }
        for (String id : references) {
            Row row = known.get(id);
            if (row != null) {
                candidates.add(new Candidate(row, ThreadedBy.REFERENCES, id, row.phantom()));
            }
        }
        if (own != null && known.containsKey(own)) {
            Row row = known.get(own);
            // A reply arrived before this message and named it; or this very message was seen before.
            ThreadedBy by = row.phantom() || row.threadedBy() == null ? ThreadedBy.REFERENCES : row.threadedBy();
            candidates.add(new Candidate(row, by, own, row.phantom()));
        }
        // Real messages beat phantoms; among equals the rule order above decides.
        Candidate best = candidates.stream()
                .filter(c -> !c.phantom())
                .findFirst()
                .orElse(candidates.isEmpty() ? null : candidates.getFirst());
        if (best != null) {
            CaseId target = follow(best.row().caseId());
            LinkedHashSet<CaseId> others = new LinkedHashSet<>();
            for (Candidate c : candidates) {
                CaseId other = follow(c.row().caseId());
                if (!other.equals(target)) {
                    others.add(other);
                }
            }
            return new ThreadResolution.Existing(target, best.by(), best.evidence(), List.copyOf(others));
        }
        // 3: the case token in the subject.
        var m = CASE_TOKEN.matcher(email.subject());
        while (m.find()) {
            Optional<CaseId> byToken = caseByNumber(m.group(1));
            if (byToken.isPresent()) {
                return new ThreadResolution.Existing(byToken.get(), ThreadedBy.SUBJECT_TOKEN, m.group());
            }
        }
        // 4: a reply address among the recipients.
        for (String header : RECIPIENT_HEADERS) {
            for (String value : email.headers(header)) {
                for (String part : value.split("[,;\\s<>\"]+")) {
                    if (part.indexOf('@') < 0) {
                        continue;
                    }
                    Optional<String> number = tokens.caseNumber(part);
                    if (number.isPresent()) {
                        Optional<CaseId> byAddress = caseByNumber(number.get());
                        if (byAddress.isPresent()) {
                            return new ThreadResolution.Existing(
                                    byAddress.get(), ThreadedBy.REPLY_ADDRESS, part.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        // 5: subject + a shared participant, when switched on.
        if (settings.subjectHeuristic() && email.from() != null) {
            String key = ThreadKeys.subject(email.subject());
            if (key.length() >= 3) {
                Instant since = clock.instant().minus(settings.heuristicWindow());
                Optional<UUID> match = jdbc.sql("""
                                select case_id from email_thread_message
                                 where subject_key = ? and recorded_at >= ? and ? = any(participants)
                                 order by recorded_at desc limit 1""")
                        .params(key, Timestamp.from(since), email.from().address())
                        .query(UUID.class)
                        .optional();
                if (match.isPresent()) {
                    return new ThreadResolution.Existing(follow(new CaseId(match.get())), ThreadedBy.HEURISTIC, key);
                }
            }
        }
        return new ThreadResolution.New();
    }

    private record Candidate(Row row, ThreadedBy by, String evidence, boolean phantom) {}

    private record Row(
            String messageId,
            CaseId caseId,
            String kind,
            @Nullable MessageId caseMessage,
            @Nullable ThreadedBy threadedBy,
            Instant recordedAt) {
        boolean phantom() {
            return kind.equals("phantom");
        }

        ThreadEntry entry() {
            return new ThreadEntry(messageId, caseId, kind, caseMessage, threadedBy, recordedAt);
        }
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        UUID cm = rs.getObject("case_message_id", UUID.class);
        String by = rs.getString("threaded_by");
        return new Row(
                rs.getString("message_id"),
                new CaseId(rs.getObject("case_id", UUID.class)),
                rs.getString("kind"),
                cm == null ? null : new MessageId(cm),
                by == null ? null : ThreadedBy.ofWire(by),
                rs.getTimestamp("recorded_at").toInstant());
    }

    private static final String COLUMNS = "message_id, case_id, kind, case_message_id, threaded_by, recorded_at";

    private Map<String, Row> rows(Set<String> ids) {
        Map<String, Row> out = new HashMap<>();
        jdbc.sql("select " + COLUMNS + " from email_thread_message where message_id = any(?)")
                .param(ids.toArray(String[]::new))
                .query(ThreadingService::map)
                .list()
                .forEach(r -> out.put(r.messageId(), r));
        return out;
    }

    /** The case itself, or the case it was merged into (a few hops at most). */
    private CaseId follow(CaseId id) {
        CaseId current = id;
        for (int i = 0; i < 5; i++) {
            try {
                CaseView view = cases.get(current, null);
                if (view.mergedInto() == null) {
                    return current;
                }
                current = view.mergedInto();
            } catch (NotFoundException e) {
                return current;
            }
        }
        return current;
    }

    /**
     * The case with this number. Looked up through the case list, not {@link Cases#get}: an unknown number
     * must not throw inside the caller's transaction (it would be marked rollback-only).
     */
    private Optional<CaseId> caseByNumber(String number) {
        String wanted = number.toUpperCase(Locale.ROOT);
        CaseFilter filter =
                new CaseFilter(null, null, null, null, false, null, null, null, wanted, CaseSort.UPDATED_DESC, 5, null);
        return cases.list(filter, null).items().stream()
                .filter(c -> c.number().equalsIgnoreCase(wanted))
                .findFirst()
                .map(c -> follow(c.id()));
    }

    @Override
    @Transactional
    public void recordReceived(
            ParsedEmail email, CaseId caseId, @Nullable MessageId caseMessage, ThreadedBy threadedBy) {
        Instant now = clock.instant();
        List<String> participants = participants(email.from(), email.to(), email.cc());
        String subjectKey = ThreadKeys.subject(email.subject());
        if (email.messageId() != null) {
            jdbc.sql("""
                            insert into email_thread_message
                              (message_id, case_id, kind, case_message_id, threaded_by, subject_key, participants, recorded_at)
                            values (?, ?, 'received', ?, ?, ?, ?, ?)
                            on conflict (message_id) do update set
                              case_id = excluded.case_id,
                              kind = case when email_thread_message.kind = 'sent' then 'sent' else 'received' end,
                              case_message_id = coalesce(excluded.case_message_id, email_thread_message.case_message_id),
                              threaded_by = excluded.threaded_by,
                              subject_key = excluded.subject_key,
                              participants = excluded.participants,
                              recorded_at = excluded.recorded_at""")
                    .params(
                            ThreadKeys.id(email.messageId()),
                            caseId.value(),
                            caseMessage == null ? null : caseMessage.value(),
                            threadedBy.wire(),
                            subjectKey.isEmpty() ? null : subjectKey,
                            participants.toArray(String[]::new),
                            Timestamp.from(now))
                    .update();
        }
        LinkedHashSet<String> named = new LinkedHashSet<>();
        email.inReplyTo().forEach(id -> named.add(ThreadKeys.id(id)));
        email.references().forEach(id -> named.add(ThreadKeys.id(id)));
        recordPhantoms(named, caseId, now);
    }

    @Override
    @Transactional
    public void recordSent(
            String messageId,
            CaseId caseId,
            @Nullable MessageId caseMessage,
            List<String> references,
            String subject,
            List<EmailAddress> recipients) {
        Instant now = clock.instant();
        String subjectKey = ThreadKeys.subject(subject);
        jdbc.sql("""
                        insert into email_thread_message
                          (message_id, case_id, kind, case_message_id, threaded_by, subject_key, participants, recorded_at)
                        values (?, ?, 'sent', ?, null, ?, ?, ?)
                        on conflict (message_id) do update set
                          case_id = excluded.case_id, kind = 'sent',
                          case_message_id = coalesce(excluded.case_message_id, email_thread_message.case_message_id),
                          subject_key = excluded.subject_key, participants = excluded.participants,
                          recorded_at = excluded.recorded_at""")
                .params(
                        ThreadKeys.id(messageId),
                        caseId.value(),
                        caseMessage == null ? null : caseMessage.value(),
                        subjectKey.isEmpty() ? null : subjectKey,
                        participants(null, recipients, List.of()).toArray(String[]::new),
                        Timestamp.from(now))
                .update();
        LinkedHashSet<String> named = new LinkedHashSet<>();
        references.forEach(id -> named.add(ThreadKeys.id(id)));
        recordPhantoms(named, caseId, now);
    }

    private void recordPhantoms(Set<String> ids, CaseId caseId, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        // The first case to name an unknown id keeps it: later messages sharing it join that case.
        jdbc.sql("""
                        insert into email_thread_message (message_id, case_id, kind, recorded_at)
                        select unnest(?::text[]), ?, 'phantom', ?
                        on conflict (message_id) do nothing""")
                .params(ids.toArray(String[]::new), caseId.value(), Timestamp.from(now))
                .update();
    }

    private static List<String> participants(
            @Nullable EmailAddress from, List<EmailAddress> to, List<EmailAddress> cc) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (from != null) {
            out.add(from.address());
        }
        to.forEach(a -> out.add(a.address()));
        cc.forEach(a -> out.add(a.address()));
        return out.stream().limit(50).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ThreadEntry> find(String messageId) {
        return jdbc.sql("select " + COLUMNS + " from email_thread_message where message_id = ?")
                .param(ThreadKeys.id(messageId))
                .query(ThreadingService::map)
                .optional()
                .map(Row::entry);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ThreadEntry> findByCaseMessage(MessageId caseMessage) {
        return jdbc.sql("select " + COLUMNS + " from email_thread_message where case_message_id = ? limit 1")
                .param(caseMessage.value())
                .query(ThreadingService::map)
                .optional()
                .map(Row::entry);
    }

    @Override
    public String replyAddress(String mailboxAddress, String caseNumber) {
        return tokens.address(mailboxAddress, caseNumber);
    }

    @Override
    public Optional<String> caseNumberOfReplyAddress(String address) {
        return tokens.caseNumber(address);
    }

    @Override
    public String subjectWithToken(String subject, String caseNumber) {
        String token = "[" + caseNumber + "]";
        if (subject.contains(token)) {
            return subject;
        }
        return subject.isBlank() ? token : subject.strip() + " " + token;
    }

    /** A merged case's ids now lead to the surviving case directly. */
    @ApplicationModuleListener
    void on(CasesMerged merged) {
        jdbc.sql("update email_thread_message set case_id = ? where case_id = ?")
                .params(merged.header().caseId().value(), merged.source().value())
                .update();
    }

    /** A message split out takes its Message-ID (and so replies to it) to the new case. */
    @ApplicationModuleListener
    void on(CaseSplit split) {
        jdbc.sql("update email_thread_message set case_id = ? where case_message_id = ?")
                .params(split.header().caseId().value(), split.messageId().value())
                .update();
    }
}
