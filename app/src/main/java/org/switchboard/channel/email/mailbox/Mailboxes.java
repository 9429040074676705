package org.switchboard.channel.email.mailbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueId;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.StaleVersionException;

/**
 * The configured mailboxes: validated writes (every problem named by its field), credentials sealed with
 * {@link MailboxSecrets}, and the address → mailbox/queue map used to file inbound mail (aliases and
 * plus-addresses). Publishes {@link MailboxesChanged} so watchers start, restart or stop.
 */
@Service
public class Mailboxes {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.\\-]{0,252})|\\[[0-9a-fA-F:.]+]");

    private final JdbcClient jdbc;
    private final MailboxSecrets secrets;
    private final QueueDirectory queues;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Mailboxes(
            JdbcClient jdbc,
            MailboxSecrets secrets,
            QueueDirectory queues,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.queues = queues;
        this.events = events;
        this.clock = clock;
    }

    /** Published after a mailbox was created, changed or deleted. */
    public record MailboxesChanged(UUID mailbox) {}

    @Transactional(readOnly = true)
    public List<Mailbox> list() {
        List<Row> rows = jdbc.sql("select * from email_mailbox order by lower(name), id")
                .query(Mailboxes::map)
                .list();
        Map<UUID, List<Mailbox.Alias>> aliases = aliases();
        return rows.stream()
                .map(r -> r.mailbox(secrets, aliases.getOrDefault(r.id, List.of())))
                .toList();
    }

    /** By id, name or address. */
    @Transactional(readOnly = true)
    public Mailbox get(String idNameOrAddress) {
        return find(idNameOrAddress).orElseThrow(() -> new NotFoundException("mailbox", idNameOrAddress));
    }

    @Transactional(readOnly = true)
    public Optional<Mailbox> find(String idNameOrAddress) {
        String key = idNameOrAddress.strip();
        UUID id = null;
        try {
            id = UUID.fromString(key);
        } catch (IllegalArgumentException notAnId) {
            // a name or an address
        }
        Optional<Row> row = id != null
                ? jdbc.sql("select * from email_mailbox where id = ?")
                        .param(id)
                        .query(Mailboxes::map)
                        .optional()
                : jdbc.sql("select * from email_mailbox where lower(name) = lower(?) or lower(address) = lower(?)")
                        .params(key, key)
                        .query(Mailboxes::map)
                        .optional();
        return row.map(r -> r.mailbox(secrets, aliases().getOrDefault(r.id, List.of())));
    }

    @Transactional
    public Mailbox create(MailboxDraft draft) {
        Valid v = validate(draft, null);
        UUID id = UUID.randomUUID();
        Instant now = now();
        try {
            jdbc.sql("""
                            insert into email_mailbox (id, name, address, queue_id, imap_host, imap_port, imap_security,
                                imap_username, imap_secret, imap_auth, imap_folder, after_import, move_to_folder,
                                smtp_host, smtp_port, smtp_security, smtp_username, smtp_secret, smtp_auth, active,
                                created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(params(id, v, now, now)).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A mailbox with this name or address exists");
        }
        writeAliases(id, v.aliases());
        events.publishEvent(new MailboxesChanged(id));
        return get(id.toString());
    }

    /** Applies the draft; absent fields of the draft keep their values, a null password keeps the secret. */
    @Transactional
    public Mailbox update(String idNameOrAddress, MailboxDraft draft, @Nullable Long expectedVersion) {
        Mailbox current = get(idNameOrAddress);
        Valid v = validate(draft, current);
        Instant now = now();
        int updated;
        try {
            updated = jdbc.sql("""
                            update email_mailbox set name = ?, address = ?, queue_id = ?, imap_host = ?, imap_port = ?,
                                imap_security = ?, imap_username = ?, imap_secret = ?, imap_auth = ?, imap_folder = ?,
                                after_import = ?, move_to_folder = ?, smtp_host = ?, smtp_port = ?, smtp_security = ?,
                                smtp_username = ?, smtp_secret = ?, smtp_auth = ?, active = ?, updated_at = ?,
                                version = version + 1
                            where id = ? and version = ?""")
                    .params(updateParams(
                            v, now, current.id(), expectedVersion == null ? current.version() : expectedVersion))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A mailbox with this name or address exists");
        }
        if (updated != 1) {
            throw new StaleVersionException("mailbox", current.name(), current.version());
        }
        writeAliases(current.id(), v.aliases());
        events.publishEvent(new MailboxesChanged(current.id()));
        return get(current.id().toString());
    }

    @Transactional
    public void delete(String idNameOrAddress) {
        Mailbox current = get(idNameOrAddress);
        jdbc.sql("delete from email_mailbox where id = ?").param(current.id()).update();
        events.publishEvent(new MailboxesChanged(current.id()));
    }

    @Transactional(readOnly = true)
    public MailboxHealth health(UUID mailbox, int alertAfterFailures) {
        return jdbc.sql("select * from email_mailbox_health where mailbox_id = ?")
                .param(mailbox)
                .query((rs, n) -> {
                    int failures = rs.getInt("consecutive_failures");
                    Instant success = instant(rs, "last_success_at");
                    String status = failures >= alertAfterFailures
                            ? "alert"
                            : failures > 0 ? "failing" : success == null ? "unknown" : "ok";
                    return new MailboxHealth(
                            status,
                            failures,
                            success,
                            instant(rs, "last_failure_at"),
                            rs.getString("last_error"),
                            rs.getString("mode"));
                })
                .optional()
                .orElse(MailboxHealth.UNKNOWN);
    }

    /** Records a successful connection (resets the failure count). */
    @Transactional
    public void recordSuccess(UUID mailbox, String mode) {
        jdbc.sql("""
                        insert into email_mailbox_health (mailbox_id, last_success_at, consecutive_failures, mode)
                        values (?, ?, 0, ?)
                        on conflict (mailbox_id) do update set last_success_at = excluded.last_success_at,
                            consecutive_failures = 0, mode = excluded.mode
                        where exists (select 1 from email_mailbox m where m.id = excluded.mailbox_id)""").params(mailbox, java.sql.Timestamp.from(now()), mode).update();
    }

    /** Records a failure; returns the number of consecutive failures. */
    @Transactional
    public int recordFailure(UUID mailbox, String error) {
        String message = error.length() > 500 ? error.substring(0, 500) : error;
        return jdbc.sql("""
                        insert into email_mailbox_health (mailbox_id, last_failure_at, last_error, consecutive_failures)
                        select ?, ?, ?, 1 where exists (select 1 from email_mailbox where id = ?)
                        on conflict (mailbox_id) do update set last_failure_at = excluded.last_failure_at,
                            last_error = excluded.last_error,
                            consecutive_failures = email_mailbox_health.consecutive_failures + 1
                        returning consecutive_failures""")
                .params(mailbox, java.sql.Timestamp.from(now()), message, mailbox)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /**
     * Where mail addressed to these recipients is filed: the first recipient that is an alias (exactly, or
     * as a plus-address of the mailbox's address, {@code support+billing@}) picks the queue; otherwise the
     * mailbox's own queue.
     */
    public @Nullable QueueId queueFor(Mailbox mailbox, List<String> recipients) {
        for (String recipient : recipients) {
            String address = recipient.toLowerCase(Locale.ROOT);
            for (Mailbox.Alias alias : mailbox.aliases()) {
                if (alias.address().equals(address)) {
                    return alias.queue() != null ? alias.queue() : mailbox.queue();
                }
            }
        }
        return mailbox.queue();
    }

    /** Every address of every mailbox (aliases included), lower-case: mail from one of them is a loop. */
    @Transactional(readOnly = true)
    public Set<String> allAddresses() {
        Set<String> all = new LinkedHashSet<>(jdbc.sql("select lower(address) from email_mailbox")
                .query(String.class)
                .list());
        all.addAll(
                jdbc.sql("select address from email_alias").query(String.class).list());
        return all;
    }

    // ---------------------------------------------------------------- validation

    record Valid(
            String name,
            String address,
            @Nullable QueueId queue,
            Mailbox.Server imap,
            String folder,
            Mailbox.AfterImport afterImport,
            @Nullable String moveToFolder,
            Mailbox.Server smtp,
            List<Mailbox.Alias> aliases,
            boolean active) {}

    private Valid validate(MailboxDraft d, @Nullable Mailbox current) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = text(d.name(), current == null ? null : current.name(), "name", 100, problems);
        String address = address(d.address(), current == null ? null : current.address(), "address", problems);
        QueueId queue =
                d.queue() == null ? (current == null ? null : current.queue()) : queue(d.queue(), "queue", problems);
        Mailbox.Server imap = server(d.imap(), current == null ? null : current.imap(), "imap", true, problems);
        String folder = d.folder() != null
                ? text(d.folder(), null, "imap.folder", 200, problems)
                : current == null ? "INBOX" : current.folder();
        Mailbox.AfterImport after = current == null ? Mailbox.AfterImport.FLAG : current.afterImport();
        if (d.afterImport() != null) {
            after = switch (d.afterImport().strip().toLowerCase(Locale.ROOT)) {
                case "flag" -> Mailbox.AfterImport.FLAG;
                case "move" -> Mailbox.AfterImport.MOVE;
                default -> {
                    problems.add(new FieldProblem("afterImport", "must be flag or move"));
                    yield after;
                }
            };
        }
        String moveTo = d.moveToFolder() != null
                ? blankToNull(d.moveToFolder())
                : current == null ? null : current.moveToFolder();
        if (after == Mailbox.AfterImport.MOVE && moveTo == null) {
            problems.add(new FieldProblem("moveToFolder", "is required when afterImport is move"));
        }
        Mailbox.Server smtp = server(d.smtp(), current == null ? null : current.smtp(), "smtp", false, problems);
        List<Mailbox.Alias> aliases = new ArrayList<>();
        if (d.aliases() == null) {
            if (current != null) {
                aliases.addAll(current.aliases());
            }
        } else {
            for (int i = 0; i < d.aliases().size(); i++) {
                MailboxDraft.AliasDraft a = d.aliases().get(i);
                String field = "aliases[" + i + "]";
                String aliasAddress = address(a.address(), null, field + ".address", problems);
                QueueId aliasQueue =
                        a.queue() == null || a.queue().isBlank() ? null : queue(a.queue(), field + ".queue", problems);
                if (aliasAddress != null) {
                    aliases.add(new Mailbox.Alias(aliasAddress, aliasQueue));
                }
            }
        }
        boolean active = d.active() != null ? d.active() : current == null || current.active();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Valid(name, address, queue, imap, folder, after, moveTo, smtp, aliases, active);
    }

    private Mailbox.@Nullable Server server(
            MailboxDraft.@Nullable ServerDraft d,
            Mailbox.@Nullable Server current,
            String prefix,
            boolean credentialsRequired,
            List<FieldProblem> problems) {
        if (d == null) {
            if (current == null) {
                problems.add(new FieldProblem(prefix, "is required"));
            }
            return current;
        }
        String host = d.host() != null ? d.host().strip() : current == null ? null : current.host();
        if (host == null || host.isEmpty() || !HOST.matcher(host).matches()) {
            problems.add(new FieldProblem(prefix + ".host", "must be a host name or address"));
        }
        Integer port = d.port() != null ? d.port() : current == null ? null : current.port();
        if (port == null || port < 1 || port > 65535) {
            problems.add(new FieldProblem(prefix + ".port", "must be a port number 1-65535"));
        }
        Mailbox.Security security = current == null ? null : current.security();
        if (d.security() != null || current == null) {
            security = switch (d.security() == null ? "" : d.security().strip().toLowerCase(Locale.ROOT)) {
                case "none" -> Mailbox.Security.NONE;
                case "starttls" -> Mailbox.Security.STARTTLS;
                case "ssl" -> Mailbox.Security.SSL;
                default -> {
                    problems.add(new FieldProblem(prefix + ".security", "must be none, starttls or ssl"));
                    yield null;
                }
            };
        }
        String username =
                d.username() != null ? blankToNull(d.username()) : current == null ? null : current.username();
        String secret = d.password() != null ? d.password() : current == null ? null : current.secret();
        Mailbox.Auth auth = current == null ? Mailbox.Auth.PASSWORD : current.auth();
        if (d.auth() != null) {
            auth = switch (d.auth().strip().toLowerCase(Locale.ROOT)) {
                case "password" -> Mailbox.Auth.PASSWORD;
                case "xoauth2" -> Mailbox.Auth.XOAUTH2;
                default -> {
                    problems.add(new FieldProblem(prefix + ".auth", "must be password or xoauth2"));
                    yield auth;
                }
            };
        }
        if (credentialsRequired && username == null) {
            problems.add(new FieldProblem(prefix + ".username", "is required"));
        }
        if (credentialsRequired && (secret == null || secret.isEmpty())) {
            problems.add(new FieldProblem(
                    prefix + ".password",
                    auth == Mailbox.Auth.XOAUTH2 ? "is required (the access token)" : "is required"));
        }
        if (!credentialsRequired && username != null && (secret == null || secret.isEmpty())) {
            problems.add(new FieldProblem(prefix + ".password", "is required with a username"));
        }
        if (host == null || port == null || security == null) {
            return null;
        }
        return new Mailbox.Server(host, port, security, username, secret, auth);
    }

    private @Nullable QueueId queue(String idOrName, String field, List<FieldProblem> problems) {
        var found = queues.find(idOrName.strip());
        if (found.isEmpty()) {
            problems.add(new FieldProblem(field, "no such queue"));
            return null;
        }
        return found.get().id();
    }

    private static @Nullable String text(
            @Nullable String value, @Nullable String current, String field, int max, List<FieldProblem> problems) {
        String v = value != null ? value.strip() : current;
        if (v == null || v.isEmpty()) {
            problems.add(new FieldProblem(field, "must not be blank"));
            return null;
        }
        if (v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters without control characters"));
            return null;
        }
        return v;
    }

    private static @Nullable String address(
            @Nullable String value, @Nullable String current, String field, List<FieldProblem> problems) {
        String v = value != null ? value.strip().toLowerCase(Locale.ROOT) : current;
        if (v == null || v.length() > 254 || !EMAIL.matcher(v).matches()) {
            problems.add(new FieldProblem(field, "must be an email address"));
            return null;
        }
        return v;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---------------------------------------------------------------- persistence

    private Object[] params(UUID id, Valid v, Instant created, Instant updated) {
        return new Object[] {
            id,
            v.name(),
            v.address(),
            v.queue() == null ? null : v.queue().value(),
            v.imap().host(),
            v.imap().port(),
            v.imap().security().wire(),
            v.imap().username(),
            secrets.encrypt(v.imap().secret()),
            v.imap().auth().wire(),
            v.folder(),
            v.afterImport().wire(),
            v.moveToFolder(),
            v.smtp().host(),
            v.smtp().port(),
            v.smtp().security().wire(),
            v.smtp().username(),
            v.smtp().secret() == null ? null : secrets.encrypt(v.smtp().secret()),
            v.smtp().auth().wire(),
            v.active(),
            java.sql.Timestamp.from(created),
            java.sql.Timestamp.from(updated)
        };
    }

    private Object[] updateParams(Valid v, Instant now, UUID id, long version) {
        Object[] p = params(id, v, now, now);
        // params() starts with the id and ends with created_at, updated_at: the update wants the rest
        Object[] out = new Object[p.length - 3 + 1 + 2];
        System.arraycopy(p, 1, out, 0, p.length - 3);
        out[p.length - 3] = java.sql.Timestamp.from(now);
        out[p.length - 2] = id;
        out[p.length - 1] = version;
        return out;
    }

    private void writeAliases(UUID mailbox, List<Mailbox.Alias> aliases) {
        jdbc.sql("delete from email_alias where mailbox_id = ?").param(mailbox).update();
        for (Mailbox.Alias alias : aliases) {
            try {
                jdbc.sql("insert into email_alias (address, mailbox_id, queue_id) values (?, ?, ?)")
                        .params(
                                alias.address(),
                                mailbox,
                                alias.queue() == null ? null : alias.queue().value())
                        .update();
            } catch (DuplicateKeyException e) {
                throw new ConflictException("The alias " + alias.address() + " belongs to another mailbox");
            }
        }
    }

    private Map<UUID, List<Mailbox.Alias>> aliases() {
        Map<UUID, List<Mailbox.Alias>> all = new HashMap<>();
        jdbc.sql("select address, mailbox_id, queue_id from email_alias order by address")
                .query(rs -> {
                    UUID queue = rs.getObject("queue_id", UUID.class);
                    all.computeIfAbsent(rs.getObject("mailbox_id", UUID.class), k -> new ArrayList<>())
                            .add(new Mailbox.Alias(rs.getString("address"), queue == null ? null : new QueueId(queue)));
                });
        return all;
    }

    record Row(
            UUID id,
            String name,
            String address,
            @Nullable UUID queue,
            String imapHost,
            int imapPort,
            String imapSecurity,
            String imapUsername,
            byte[] imapSecret,
            String imapAuth,
            String folder,
            String afterImport,
            @Nullable String moveTo,
            String smtpHost,
            int smtpPort,
            String smtpSecurity,
            @Nullable String smtpUsername,
            byte @Nullable [] smtpSecret,
            String smtpAuth,
            boolean active,
            Instant createdAt,
            Instant updatedAt,
            long version) {

        Mailbox mailbox(MailboxSecrets secrets, List<Mailbox.Alias> aliases) {
            return new Mailbox(
                    id,
                    name,
                    address,
                    queue == null ? null : new QueueId(queue),
                    new Mailbox.Server(
                            imapHost,
                            imapPort,
                            Mailbox.Security.valueOf(imapSecurity.toUpperCase(Locale.ROOT)),
                            imapUsername,
                            secrets.decrypt(imapSecret),
                            Mailbox.Auth.valueOf(imapAuth.toUpperCase(Locale.ROOT))),
                    folder,
                    Mailbox.AfterImport.valueOf(afterImport.toUpperCase(Locale.ROOT)),
                    moveTo,
                    new Mailbox.Server(
                            smtpHost,
                            smtpPort,
                            Mailbox.Security.valueOf(smtpSecurity.toUpperCase(Locale.ROOT)),
                            smtpUsername,
                            smtpSecret == null ? null : secrets.decrypt(smtpSecret),
                            Mailbox.Auth.valueOf(smtpAuth.toUpperCase(Locale.ROOT))),
                    aliases,
                    active,
                    createdAt,
                    updatedAt,
                    version);
        }
    }

    static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("address"),
                rs.getObject("queue_id", UUID.class),
                rs.getString("imap_host"),
                rs.getInt("imap_port"),
                rs.getString("imap_security"),
                rs.getString("imap_username"),
                rs.getBytes("imap_secret"),
                rs.getString("imap_auth"),
                rs.getString("imap_folder"),
                rs.getString("after_import"),
                rs.getString("move_to_folder"),
                rs.getString("smtp_host"),
                rs.getInt("smtp_port"),
                rs.getString("smtp_security"),
                rs.getString("smtp_username"),
                rs.getBytes("smtp_secret"),
                rs.getString("smtp_auth"),
                rs.getBoolean("active"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                rs.getLong("version"));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
