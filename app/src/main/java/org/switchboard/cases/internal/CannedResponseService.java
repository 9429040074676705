package org.switchboard.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.CannedResponse;
import org.switchboard.cases.CannedResponseId;
import org.switchboard.cases.CannedResponses;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Role;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ETags;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.StaleVersionException;

/** Canned responses in {@code canned_response}; placeholders are filled by plain substitution. */
@Service
class CannedResponseService implements CannedResponses {

    static final int MAX_NAME = 100;
    static final int MAX_BODY = 20_000;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Cases cases;

    CannedResponseService(JdbcClient jdbc, Clock clock, Cases cases) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.cases = cases;
    }

    @Override
    @Transactional(readOnly = true)
    public List<CannedResponse> list() {
        return jdbc.sql(
                        "select id, name, body, created_at, updated_at, version from canned_response order by lower(name)")
                .query(CannedResponseService::map)
                .list();
    }

    @Override
    @Transactional(readOnly = true)
    public CannedResponse get(CannedResponseId id) {
        return jdbc.sql("select id, name, body, created_at, updated_at, version from canned_response where id = ?")
                .param(id.value())
                .query(CannedResponseService::map)
                .optional()
                .orElseThrow(() -> new NotFoundException("canned response", id));
    }

    @Override
    @Transactional
    public CannedResponse create(String name, String body, Actor actor) {
        requireSupervisor(actor);
        String n = name(name);
        String b = body(body);
        CannedResponseId id = CannedResponseId.newId();
        Instant now = now();
        try {
            jdbc.sql("""
                            insert into canned_response (id, name, body, created_by, created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(id.value(), n, b, actor.id().value(), Sql.ts(now), Sql.ts(now))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A canned response named '" + n + "' exists");
        }
        return new CannedResponse(id, n, b, now, now, 0);
    }

    @Override
    @Transactional
    public CannedResponse update(
            CannedResponseId id,
            @Nullable String name,
            @Nullable String body,
            @Nullable Long expectedVersion,
            Actor actor) {
        requireSupervisor(actor);
        CannedResponse current = get(id);
        ETags.check(expectedVersion, current.version(), "canned response", id);
        String n = name == null ? current.name() : name(name);
        String b = body == null ? current.body() : body(body);
        Instant now = now();
        try {
            int updated = jdbc.sql("""
                            update canned_response set name = ?, body = ?, updated_at = ?, version = version + 1
                            where id = ? and version = ?""")
                    .params(n, b, Sql.ts(now), id.value(), current.version())
                    .update();
            if (updated != 1) {
                throw new StaleVersionException("canned response", id, current.version() + 1);
            }
        } catch (DuplicateKeyException e) {
            throw new ConflictException("A canned response named '" + n + "' exists");
        }
        return new CannedResponse(id, n, b, current.createdAt(), now, current.version() + 1);
    }

    @Override
    @Transactional
    public void delete(CannedResponseId id, Actor actor) {
        requireSupervisor(actor);
        if (jdbc.sql("delete from canned_response where id = ?")
                        .param(id.value())
                        .update()
                == 0) {
            throw new NotFoundException("canned response", id);
        }
    }

    @Override
    @Transactional(readOnly = true)
    public String render(CannedResponseId id, CaseId caseId, Actor actor) {
        CannedResponse response = get(id);
        CaseView view = cases.get(caseId, actor);
        String customerName =
                view.customer().name() == null ? "" : view.customer().name();
        return response.body()
                .replace("{{customer.name}}", customerName)
                .replace("{{case.number}}", view.number())
                .replace("{{agent.name}}", actor.displayName());
    }

    private static void requireSupervisor(Actor actor) {
        if (!actor.isAtLeast(Role.SUPERVISOR)) {
            throw new AccessDeniedException("Changing canned responses needs a supervisor");
        }
    }

    private static String name(@Nullable String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "must not be blank");
        }
        if (name.strip().length() > MAX_NAME) {
            throw new InvalidInputException("name", "must be at most " + MAX_NAME + " characters");
        }
        return name.strip();
    }

    private static String body(@Nullable String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "must not be blank");
        }
        if (body.length() > MAX_BODY) {
            throw new InvalidInputException("body", "must be at most " + MAX_BODY + " characters");
        }
        return body;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static CannedResponse map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new CannedResponse(
                new CannedResponseId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getString("body"),
                CaseRow.instant(rs, "created_at"),
                CaseRow.instant(rs, "updated_at"),
                rs.getLong("version"));
    }
}
