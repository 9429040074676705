package org.switchboard.channel.email.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.channel.email.BlockedSender;
import org.switchboard.channel.email.EmailAddress;
import org.switchboard.channel.email.EmailBlocklist;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;
import org.switchboard.identity.Role;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/** The blocklist in {@code email_blocked_sender}; a match is one indexed lookup of at most a few keys. */
@Service
class BlocklistService implements EmailBlocklist {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[a-z0-9.-]+\\.[a-z0-9-]+");
    private static final Pattern DOMAIN = Pattern.compile("([a-z0-9-]+\\.)+[a-z0-9-]+");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;

    BlocklistService(JdbcClient jdbc, Clock clock, AuditLog audit) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
    }

    @Override
    @Transactional(readOnly = true)
    public List<BlockedSender> list() {
        return jdbc.sql("select id, pattern, note, created_by, created_at from email_blocked_sender order by pattern")
                .query(BlocklistService::map)
                .list();
    }

    @Override
    @Transactional
    public BlockedSender add(String pattern, @Nullable String note, Actor actor) {
        requireAdmin(actor);
        String p = normalize(pattern);
        if (note != null && note.length() > 500) {
            throw new InvalidInputException("note", "must be at most 500 characters");
        }
        jdbc.sql("""
                        insert into email_blocked_sender (id, pattern, note, created_by, created_at)
                        values (?, ?, ?, ?, ?) on conflict (pattern) do nothing""")
                .params(Ids.newId(clock), p, note, actor.username(), Timestamp.from(clock.instant()))
                .update();
        BlockedSender entry = jdbc.sql(
                        "select id, pattern, note, created_by, created_at from email_blocked_sender where pattern = ?")
                .param(p)
                .query(BlocklistService::map)
                .single();
        audit.record(
                actor,
                "email.sender-blocked",
                "email-blocklist",
                entry.id().toString(),
                java.util.Map.of("pattern", p));
        return entry;
    }

    static String normalize(@Nullable String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new InvalidInputException("pattern", "is required");
        }
        String p = pattern.trim().toLowerCase(Locale.ROOT);
        if (p.startsWith("*.")) {
            p = p.substring(2);
        } else if (p.startsWith("@")) {
            p = p.substring(1);
        }
        if (p.length() > 254
                || !(ADDRESS.matcher(p).matches() || DOMAIN.matcher(p).matches())) {
            throw new InvalidInputException("pattern", "must be an email address or a domain such as example.com");
        }
        return p;
    }

    @Override
    @Transactional
    public void remove(UUID id, Actor actor) {
        requireAdmin(actor);
        int removed = jdbc.sql("delete from email_blocked_sender where id = ?")
                .param(id)
                .update();
        if (removed == 0) {
            throw new NotFoundException("blocklist entry", id);
        }
        audit.record(actor, "email.sender-unblocked", "email-blocklist", id.toString(), java.util.Map.of());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<BlockedSender> match(EmailAddress address) {
        List<String> keys = new ArrayList<>();
        keys.add(address.address());
        String domain = address.domain();
        // example.com blocks mail.example.com too: try every parent domain.
        while (!domain.isEmpty()) {
            keys.add(domain);
            int dot = domain.indexOf('.');
            domain = dot < 0 ? "" : domain.substring(dot + 1);
        }
        return jdbc.sql("select id, pattern, note, created_by, created_at from email_blocked_sender"
                        + " where pattern = any(?) order by length(pattern) desc limit 1")
                .param(keys.toArray(String[]::new))
                .query(BlocklistService::map)
                .optional();
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAtLeast(Role.ADMIN)) {
            throw new org.springframework.security.access.AccessDeniedException("administrators only");
        }
    }

    private static BlockedSender map(ResultSet rs, int n) throws SQLException {
        return new BlockedSender(
                rs.getObject("id", UUID.class),
                rs.getString("pattern"),
                rs.getString("note"),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant());
    }
}
