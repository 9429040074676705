package org.switchboard.channel.email.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.channel.email.EmailParser;
import org.switchboard.channel.email.EmailQuarantine;
import org.switchboard.channel.email.ParseLimits;
import org.switchboard.channel.email.ParseOutcome;
import org.switchboard.channel.email.QuarantinedEmail;
import org.switchboard.channel.email.QuarantinedEmailReleased;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;
import org.switchboard.identity.Role;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RuleViolationException;

/** The quarantine in {@code email_quarantine}. Administrators only, every action audited. */
@Service
class QuarantineService implements EmailQuarantine {

    private static final Logger log = LoggerFactory.getLogger(QuarantineService.class);
    private static final String COLUMNS =
            "id, mailbox, source, reason, defects, size, status, attempts, created_at, resolved_at, resolved_by";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final EmailParser parser;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    QuarantineService(
            JdbcClient jdbc, Clock clock, EmailParser parser, ApplicationEventPublisher events, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.parser = parser;
        this.events = events;
        this.audit = audit;
    }

    @Override
    @Transactional
    public QuarantinedEmail quarantine(
            String mailbox, @Nullable String source, byte[] raw, String reason, List<String> defects) {
        UUID id = Ids.newId(clock);
        int inserted = jdbc.sql("""
                        insert into email_quarantine (id, mailbox, source, raw, size, reason, defects, status, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'quarantined', ?)
                        on conflict (mailbox, source) where source is not null do nothing""")
                .params(
                        id,
                        mailbox,
                        source,
                        raw,
                        raw.length,
                        clip(reason, 1000),
                        defects.stream().limit(50).map(d -> clip(d, 300)).toArray(String[]::new),
                        Timestamp.from(clock.instant()))
                .update();
        if (inserted == 0) {
            return jdbc.sql("select " + COLUMNS + " from email_quarantine where mailbox = ? and source = ?")
                    .params(mailbox, source)
                    .query(QuarantineService::map)
                    .single();
        }
        // Ids only: never log message content.
        log.warn("Email quarantined: id={} mailbox={} source={} reason={}", id, mailbox, source, reason);
        return get(id);
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    @Override
    @Transactional(readOnly = true)
    public List<QuarantinedEmail> list(@Nullable String status, int limit) {
        int n = Math.max(1, Math.min(limit, 500));
        if (status != null && !List.of("quarantined", "released", "discarded").contains(status)) {
            throw new InvalidInputException("status", "must be quarantined, released or discarded");
        }
        return jdbc.sql("select " + COLUMNS + " from email_quarantine where (?::text is null or status = ?)"
                        + " order by created_at desc, id desc limit ?")
                .params(status, status, n)
                .query(QuarantineService::map)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public QuarantinedEmail get(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from email_quarantine where id = ?")
                .param(id)
                .query(QuarantineService::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("quarantined email", id));
    }

    @Override
    @Transactional(readOnly = true)
    public byte[] raw(UUID id) {
        return jdbc.sql("select raw from email_quarantine where id = ?")
                .param(id)
                .query(byte[].class)
                .optional()
                .orElseThrow(() -> new NotFoundException("quarantined email", id));
    }

    @Override
    @Transactional
    public QuarantinedEmail reprocess(UUID id, @Nullable ParseLimits limits, Actor actor) {
        requireAdmin(actor);
        QuarantinedEmail entry = get(id);
        if (!entry.status().equals("quarantined")) {
            throw new RuleViolationException(
                    "only a quarantined message can be re-processed, this one is " + entry.status());
        }
        byte[] raw = raw(id);
        ParseOutcome outcome = limits == null ? parser.parse(raw) : parser.parse(raw, limits);
        switch (outcome) {
            case ParseOutcome.Parsed parsed -> {
                jdbc.sql("""
                                update email_quarantine set status = 'released', attempts = attempts + 1,
                                  resolved_at = ?, resolved_by = ? where id = ?""")
                        .params(Timestamp.from(clock.instant()), actor.username(), id)
                        .update();
                events.publishEvent(new QuarantinedEmailReleased(id, entry.mailbox(), entry.source()));
                audit.record(actor, "email.quarantine-released", "email-quarantine", id.toString(), Map.of());
            }
            case ParseOutcome.Unparseable failed -> {
                jdbc.sql("update email_quarantine set attempts = attempts + 1, reason = ?, defects = ? where id = ?")
                        .params(
                                clip(failed.reason(), 1000),
                                failed.defects().stream().limit(50).toArray(String[]::new),
                                id)
                        .update();
                audit.record(actor, "email.quarantine-retried", "email-quarantine", id.toString(), Map.of());
            }
        }
        return get(id);
    }

    @Override
    @Transactional
    public QuarantinedEmail discard(UUID id, Actor actor) {
        requireAdmin(actor);
        QuarantinedEmail entry = get(id);
        if (!entry.status().equals("quarantined")) {
            throw new RuleViolationException(
                    "only a quarantined message can be discarded, this one is " + entry.status());
        }
        jdbc.sql("update email_quarantine set status = 'discarded', resolved_at = ?, resolved_by = ? where id = ?")
                .params(Timestamp.from(clock.instant()), actor.username(), id)
                .update();
        audit.record(actor, "email.quarantine-discarded", "email-quarantine", id.toString(), Map.of());
        return get(id);
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAtLeast(Role.ADMIN)) {
            throw new AccessDeniedException("administrators only");
        }
    }

    private static QuarantinedEmail map(ResultSet rs, int n) throws SQLException {
        Array defects = rs.getArray("defects");
        Timestamp resolved = rs.getTimestamp("resolved_at");
        return new QuarantinedEmail(
                rs.getObject("id", UUID.class),
                rs.getString("mailbox"),
                rs.getString("source"),
                rs.getString("reason"),
                defects == null ? List.of() : List.of((String[]) defects.getArray()),
                rs.getLong("size"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getTimestamp("created_at").toInstant(),
                resolved == null ? null : resolved.toInstant(),
                rs.getString("resolved_by"));
    }
}
