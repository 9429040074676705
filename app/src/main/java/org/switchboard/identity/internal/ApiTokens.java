package org.switchboard.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AgentProfileChanged;
import org.switchboard.identity.UserDeactivated;
import org.switchboard.identity.UserId;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/**
 * Personal API tokens: {@code sb_} and 32 random bytes, shown once at creation and stored only as a
 * SHA-256 hash, so authentication is one indexed lookup (no password hashing). A token acts with its
 * user's current role and teams and stops working when revoked or when the user is deactivated.
 */
@Service
public class ApiTokens {

    /** The last-used time is written at most this often per token. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final Clock clock;
    private final Map<UUID, Instant> lastUseWritten = new ConcurrentHashMap<>();

    /**
     * A token authenticated within the last {@link #REMEMBERED} is not looked up again: an integration
     * sending many requests a second costs one query per token and interval, not one per request.
     * Revoking the token, deactivating its user or changing the user's profile forgets it at once.
     */
    static final Duration REMEMBERED = Duration.ofSeconds(5);

    private record Remembered(UUID tokenId, SwitchboardUserDetails user, Instant until) {}

    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    ApiTokens(JdbcClient jdbc, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** A token as listed (never its value). */
    public record TokenInfo(String id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {}

    /** A created token: {@code token} is the clear value, returned this once. */
    public record CreatedToken(String id, String name, String token, Instant createdAt) {}

    @Transactional
    public CreatedToken create(Actor owner, String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidInputException("name", "must be 1 to 100 characters");
        }
        String token = SecretTokens.newApiToken();
        UUID id = Ids.newId(clock);
        Instant now = clock.instant();
        jdbc.sql("insert into api_token (id, user_id, name, token_hash, created_at) values (?, ?, ?, ?, ?)")
                .params(id, owner.id().value(), name.trim(), SecretTokens.hash(token), Sql.ts(now))
                .update();
        audit.record(owner, "api_token.created", "api_token", id.toString(), Map.of("name", name.trim()));
        return new CreatedToken(id.toString(), name.trim(), token, now);
    }

    /** The owner's tokens, newest first, revoked ones included. */
    public List<TokenInfo> list(UserId owner) {
        return jdbc.sql("select * from api_token where user_id = ? order by created_at desc, id desc")
                .param(owner.value())
                .query((rs, n) -> new TokenInfo(
                        rs.getString("id"),
                        rs.getString("name"),
                        Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "last_used_at"),
                        Sql.instant(rs, "revoked_at")))
                .list();
    }

    /** Revokes one of the owner's tokens; revoking it again changes nothing. */
    @Transactional
    public void revoke(Actor owner, String tokenId) {
        UUID id = UserStore.parseUuid(tokenId);
        if (id == null) {
            throw new NotFoundException("token", tokenId);
        }
        int revoked = jdbc.sql(
                        "update api_token set revoked_at = ? where id = ? and user_id = ? and revoked_at is null")
                .params(Sql.ts(clock.instant()), id, owner.id().value())
                .update();
        if (revoked == 0) {
            long exists = jdbc.sql("select count(*) from api_token where id = ? and user_id = ?")
                    .params(id, owner.id().value())
                    .query(Long.class)
                    .single();
            if (exists == 0) {
                throw new NotFoundException("token", tokenId);
            }
            return;
        }
        audit.record(owner, "api_token.revoked", "api_token", id.toString(), Map.of());
        remembered.values().removeIf(known -> known.tokenId().equals(id));
    }

    /** A deactivated user's tokens stop working at once. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(UserDeactivated event) {
        forget(event.user());
    }

    /** A changed role, team or profile applies to the user's next request. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(AgentProfileChanged event) {
        forget(event.user());
    }

    private void forget(UserId user) {
        remembered.values().removeIf(known -> known.user().actor().id().equals(user));
    }

    /** The user a presented token acts for; empty for an unknown or revoked token or an inactive user. */
    Optional<SwitchboardUserDetails> authenticate(String token) {
        if (!SecretTokens.looksLikeApiToken(token)) {
            return Optional.empty();
        }
        String hash = SecretTokens.hash(token);
        Instant now = clock.instant();
        Remembered known = remembered.get(hash);
        if (known != null && now.isBefore(known.until())) {
            touch(known.tokenId());
            return Optional.of(known.user());
        }
        // One indexed lookup: the token, its user and the user's teams
        var match = jdbc.sql("select t.id as token_id, " + UserDirectory.COLUMNS + """
                         from api_token t join app_user u on u.id = t.user_id
                        where t.token_hash = ? and t.revoked_at is null""")
                .param(hash)
                .query((rs, n) -> new Object[] {Sql.uuid(rs, "token_id"), UserDirectory.details(rs)})
                .optional();
        if (match.isEmpty()) {
            remembered.remove(hash);
            return Optional.empty();
        }
        var user = (SwitchboardUserDetails) match.get()[1];
        if (!user.isEnabled()) {
            remembered.remove(hash);
            return Optional.empty();
        }
        UUID tokenId = (UUID) match.get()[0];
        if (remembered.size() > 10_000) {
            remembered.clear();
        }
        remembered.put(hash, new Remembered(tokenId, user, now.plus(REMEMBERED)));
        touch(tokenId);
        return Optional.of(user);
    }

    /** Records the last use, at most once a minute per token and node (no write on every request). */
    private void touch(UUID tokenId) {
        Instant now = clock.instant();
        Instant written = lastUseWritten.get(tokenId);
        if (written != null && Duration.between(written, now).compareTo(LAST_USED_PRECISION) < 0) {
            return;
        }
        lastUseWritten.put(tokenId, now);
        jdbc.sql("""
                        update api_token set last_used_at = :now
                        where id = :id and (last_used_at is null or last_used_at < :due)""")
                .param("now", Sql.ts(now))
                .param("id", tokenId)
                .param("due", Sql.ts(now.minus(LAST_USED_PRECISION)))
                .update();
        if (lastUseWritten.size() > 100_000) {
            lastUseWritten.clear();
        }
    }
}
