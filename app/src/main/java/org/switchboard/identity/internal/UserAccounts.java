package org.switchboard.identity.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AgentProfileChanged;
import org.switchboard.identity.Role;
import org.switchboard.identity.UserDeactivated;
import org.switchboard.identity.UserId;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.ETags;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RuleViolationException;

/** Creating, changing and deactivating users; every change is audited in its transaction. */
@Service
public class UserAccounts {

    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);

    private final JdbcClient jdbc;
    private final UserStore store;
    private final AuditTrail audit;
    private final PasswordEncoder passwords;
    private final Invitations invitations;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    UserAccounts(
            JdbcClient jdbc,
            UserStore store,
            AuditTrail audit,
            PasswordEncoder passwords,
            Invitations invitations,
            Clock clock,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.store = store;
        this.audit = audit;
        this.passwords = passwords;
        this.invitations = invitations;
        this.clock = clock;
        this.events = events;
    }

    /** A created user and, when it was invited, the invitation. */
    public record Created(UserView user, Invitations.Issued invitation) {}

    @Transactional
    public Created create(UserInput.NewUser input, Actor by, String baseUrl) {
        return create(input, by, baseUrl, true);
    }

    /**
     * @param passwordPolicy whether the password must meet the policy for people (8 characters at
     *     least); code creating demo accounts passes {@code false}
     */
    @Transactional
    public Created create(UserInput.NewUser input, Actor by, String baseUrl, boolean passwordPolicy) {
        String username = ProfileRules.username(input.username(), "username");
        String email =
                input.email() == null || input.email().isBlank() ? null : ProfileRules.email(input.email(), "email");
        String password = input.password() == null
                ? null
                : passwordPolicy
                        ? ProfileRules.password(input.password(), "password")
                        : ProfileRules.anyPassword(input.password(), "password");
        if (password == null && email == null) {
            throw new InvalidInputException("email", "is required to invite a user without a password");
        }
        String displayName =
                input.displayName() == null ? username : ProfileRules.displayName(input.displayName(), "displayName");
        Role role = input.role() == null ? Role.AGENT : ProfileRules.role(input.role(), "role");
        String locale = input.locale() == null ? "en" : ProfileRules.locale(input.locale(), "locale");
        String zone = input.timeZone() == null ? "UTC" : ProfileRules.timeZone(input.timeZone(), "timeZone");
        Map<String, Integer> skills = input.skills() == null ? Map.of() : skills(input.skills());
        List<String> languages = input.languages() == null ? List.of() : languages(input.languages());
        Map<String, Integer> capacity = capacity(input.capacity(), Map.of("voice", 1, "chat", 3, "email", 5));
        List<UUID> teams = input.teams() == null ? List.of() : teams(input.teams());
        ensureUnique(username, email, null);

        UUID id = Ids.newId(clock);
        unique(
                () -> jdbc.sql("""
                        insert into app_user (id, username, email, display_name, password_hash, role, locale, time_zone,
                            capacity_voice, capacity_chat, capacity_email, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(
                                id,
                                username,
                                email,
                                displayName,
                                password == null ? null : passwords.encode(password),
                                ProfileRules.wire(role),
                                locale,
                                zone,
                                capacity.get("voice"),
                                capacity.get("chat"),
                                capacity.get("email"),
                                Sql.ts(clock.instant()))
                        .update(),
                "The username or email address is taken");
        UserId userId = new UserId(id);
        writeSkills(id, skills);
        writeLanguages(id, languages);
        for (UUID team : teams) {
            jdbc.sql("insert into team_member (team_id, user_id, added_at) values (?, ?, ?)")
                    .params(team, id, Sql.ts(clock.instant()))
                    .update();
        }
        var details = new LinkedHashMap<String, Object>();
        details.put("username", username);
        details.put("role", ProfileRules.wire(role));
        details.put("invited", password == null);
        audit.record(by, "user.created", "user", id.toString(), details);
        events.publishEvent(new AgentProfileChanged(userId));
        Invitations.Issued invitation = password == null ? invitations.issue(userId, by, baseUrl) : null;
        return new Created(store.view(userId).orElseThrow(), invitation);
    }

    @Transactional
    public UserView update(String idOrUsername, Long expectedVersion, UserInput.Changes changes, Actor by) {
        UserView current = lockedView(idOrUsername);
        ETags.check(expectedVersion, current.version(), "user", current.id());
        UUID id = current.id().value();
        List<String> changed = new ArrayList<>();
        var sets = new LinkedHashMap<String, Object>();
        if (changes.email() != null) {
            String email = ProfileRules.email(changes.email(), "email");
            if (!email.equalsIgnoreCase(String.valueOf(current.email()))) {
                ensureUnique(null, email, id);
                sets.put("email", email);
            }
        }
        if (changes.displayName() != null) {
            sets.put("display_name", ProfileRules.displayName(changes.displayName(), "displayName"));
        }
        if (changes.role() != null) {
            Role role = ProfileRules.role(changes.role(), "role");
            if (role != current.role()) {
                if (current.role() == Role.ADMIN && current.active()) {
                    ensureAnotherActiveAdmin(id);
                }
                sets.put("role", ProfileRules.wire(role));
            }
        }
        if (changes.locale() != null) {
            sets.put("locale", ProfileRules.locale(changes.locale(), "locale"));
        }
        if (changes.timeZone() != null) {
            sets.put("time_zone", ProfileRules.timeZone(changes.timeZone(), "timeZone"));
        }
        if (changes.capacity() != null) {
            Map<String, Integer> capacity = capacity(changes.capacity(), current.capacity());
            sets.put("capacity_voice", capacity.get("voice"));
            sets.put("capacity_chat", capacity.get("chat"));
            sets.put("capacity_email", capacity.get("email"));
        }
        Map<String, Integer> skills = changes.skills() == null ? null : skills(changes.skills());
        List<String> languages = changes.languages() == null ? null : languages(changes.languages());
        List<UUID> teams = changes.teams() == null ? null : teams(changes.teams());

        sets.keySet().forEach(column -> changed.add(column));
        if (skills != null) {
            jdbc.sql("delete from user_skill where user_id = ?").param(id).update();
            writeSkills(id, skills);
            changed.add("skills");
        }
        if (languages != null) {
            jdbc.sql("delete from user_language where user_id = ?").param(id).update();
            writeLanguages(id, languages);
            changed.add("languages");
        }
        if (teams != null) {
            if (teams.isEmpty()) {
                jdbc.sql("delete from team_member where user_id = ?").param(id).update();
            } else {
                jdbc.sql("delete from team_member where user_id = :id and team_id not in (:teams)")
                        .param("id", id)
                        .param("teams", teams)
                        .update();
            }
            for (UUID team : teams) {
                jdbc.sql("""
                                insert into team_member (team_id, user_id, added_at) values (?, ?, ?)
                                on conflict do nothing""").params(team, id, Sql.ts(clock.instant())).update();
            }
            changed.add("teams");
        }
        var sql = new StringBuilder("update app_user set version = version + 1");
        sets.keySet()
                .forEach(
                        column -> sql.append(", ").append(column).append(" = :").append(column));
        sql.append(" where id = :id");
        var params = new LinkedHashMap<String, Object>(sets);
        params.put("id", id);
        unique(() -> jdbc.sql(sql.toString()).params(params).update(), "Another user has this email address");
        audit.record(by, "user.updated", "user", id.toString(), Map.of("changed", changed));
        events.publishEvent(new AgentProfileChanged(current.id()));
        return store.view(current.id()).orElseThrow();
    }

    /** Deactivates a user: they can no longer log in or use tokens; their history stays. */
    @Transactional
    public UserView deactivate(String idOrUsername, Long expectedVersion, Actor by) {
        UserView current = lockedView(idOrUsername);
        ETags.check(expectedVersion, current.version(), "user", current.id());
        if (!current.active()) {
            return current;
        }
        if (by != null && by.id().equals(current.id())) {
            throw new RuleViolationException("You cannot deactivate yourself");
        }
        if (current.role() == Role.ADMIN) {
            ensureAnotherActiveAdmin(current.id().value());
        }
        jdbc.sql("""
                        update app_user set active = false, deactivated_at = ?, version = version + 1
                        where id = ?""").params(Sql.ts(clock.instant()), current.id().value()).update();
        audit.record(by, "user.deactivated", "user", current.id().toString(), Map.of("username", current.username()));
        events.publishEvent(new UserDeactivated(current.id(), clock.instant()));
        return store.view(current.id()).orElseThrow();
    }

    /** Issues a new invitation link to a user who has not yet set a password. */
    @Transactional
    public Invitations.Issued reinvite(String idOrUsername, Actor by, String baseUrl) {
        UserView user = lockedView(idOrUsername);
        if (!user.active()) {
            throw new RuleViolationException("The user is deactivated");
        }
        if (user.hasPassword()) {
            throw new RuleViolationException("The user has already set a password");
        }
        if (user.email() == null) {
            throw new RuleViolationException("The user has no email address");
        }
        return invitations.issue(user.id(), by, baseUrl);
    }

    /** The signed-in user's own UI language and time zone. */
    @Transactional
    public void updatePreferences(UserId id, String locale, String timeZone, Actor by) {
        String checkedLocale = ProfileRules.locale(locale, "locale");
        String zone = ProfileRules.timeZone(timeZone, "timeZone");
        jdbc.sql("update app_user set locale = ?, time_zone = ?, version = version + 1 where id = ?")
                .params(checkedLocale, zone, id.value())
                .update();
        audit.record(
                by,
                "user.preferences_changed",
                "user",
                id.toString(),
                Map.of("locale", checkedLocale, "timeZone", zone));
    }

    /** The signed-in user changes their password; false when the current password is wrong. */
    @Transactional
    public boolean changePassword(Actor actor, String currentPassword, String newPassword) {
        String checked = ProfileRules.password(newPassword, "password");
        String hash = jdbc.sql("select password_hash from app_user where id = ? for update")
                .param(actor.id().value())
                .query(String.class)
                .optional()
                .orElse(null);
        if (hash == null || currentPassword == null || !matches(currentPassword, hash)) {
            return false;
        }
        jdbc.sql("update app_user set password_hash = ?, version = version + 1 where id = ?")
                .params(passwords.encode(checked), actor.id().value())
                .update();
        audit.record(actor, "user.password_changed", "user", actor.id().toString(), Map.of());
        return true;
    }

    private boolean matches(String raw, String hash) {
        try {
            return passwords.matches(raw, hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Creates the first admin on a database without users; false when there are users already. */
    @Transactional
    public boolean bootstrapAdmin(String password) {
        jdbc.sql("lock table app_user in share row exclusive mode").update();
        long users = jdbc.sql("select count(*) from app_user").query(Long.class).single();
        if (users > 0) {
            return false;
        }
        UUID id = Ids.newId(clock);
        jdbc.sql("""
                        insert into app_user (id, username, display_name, password_hash, role, created_at)
                        values (?, 'admin', 'Administrator', ?, 'admin', ?)""")
                .params(id, passwords.encode(password), Sql.ts(clock.instant()))
                .update();
        audit.record(
                null,
                "user.created",
                "user",
                id.toString(),
                Map.of("username", "admin", "role", "admin", "bootstrap", true));
        log.info("Created the first administrator 'admin' from switchboard.admin-password");
        return true;
    }

    private UserView lockedView(String idOrUsername) {
        UserId id = store.findRow(idOrUsername).orElseThrow(() -> new NotFoundException("user", idOrUsername));
        jdbc.sql("select id from app_user where id = ? for update")
                .param(id.value())
                .query()
                .listOfRows();
        return store.view(id).orElseThrow(() -> new NotFoundException("user", idOrUsername));
    }

    /** A concurrent duplicate passes the checks before it; the unique index still refuses it: a 409. */
    static void unique(Runnable write, String conflict) {
        try {
            write.run();
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new ConflictException(conflict);
        }
    }

    private void ensureAnotherActiveAdmin(UUID except) {
        long admins = jdbc.sql("select count(*) from app_user where role = 'admin' and active and id <> ?")
                .param(except)
                .query(Long.class)
                .single();
        if (admins == 0) {
            throw new RuleViolationException("At least one active administrator must remain");
        }
    }

    private void ensureUnique(String username, String email, UUID except) {
        if (username != null
                && jdbc.sql("select count(*) from app_user where lower(username) = lower(?)")
                                .param(username)
                                .query(Long.class)
                                .single()
                        > 0) {
            throw new ConflictException("The username " + username + " is taken");
        }
        if (email != null
                && jdbc.sql("select count(*) from app_user where lower(email) = lower(?) and id is distinct from ?")
                                .params(email, except)
                                .query(Long.class)
                                .single()
                        > 0) {
            throw new ConflictException("Another user has the email address " + email);
        }
    }

    private Map<String, Integer> skills(List<UserInput.Skill> input) {
        var skills = new LinkedHashMap<String, Integer>();
        for (int i = 0; i < input.size(); i++) {
            UserInput.Skill skill = input.get(i);
            String field = "skills[" + i + "]";
            if (skill == null) {
                throw new InvalidInputException(field, "is required");
            }
            String name = skill.name() == null ? null : skill.name().trim().toLowerCase(java.util.Locale.ROOT);
            if (name == null || !store.skillExists(name)) {
                throw new InvalidInputException(field + ".name", "is not a skill of the catalog: " + skill.name());
            }
            int proficiency = ProfileRules.proficiency(skill.proficiency(), field + ".proficiency");
            if (skills.put(name, proficiency) != null) {
                throw new InvalidInputException(field + ".name", "is listed twice");
            }
        }
        return skills;
    }

    private static List<String> languages(List<String> input) {
        var languages = new LinkedHashSet<String>();
        for (int i = 0; i < input.size(); i++) {
            languages.add(ProfileRules.language(input.get(i), "languages[" + i + "]"));
        }
        return List.copyOf(languages);
    }

    private static Map<String, Integer> capacity(Map<String, Integer> input, Map<String, Integer> base) {
        var capacity = new LinkedHashMap<>(base);
        if (input != null) {
            input.forEach((channel, value) -> {
                ProfileRules.channel(channel, "capacity." + channel);
                capacity.put(channel, ProfileRules.capacity(value, "capacity." + channel));
            });
        }
        return capacity;
    }

    private List<UUID> teams(List<String> input) {
        var teams = new LinkedHashSet<UUID>();
        for (int i = 0; i < input.size(); i++) {
            UUID team = input.get(i) == null ? null : UserStore.parseUuid(input.get(i));
            if (team == null || !store.teamExists(new org.switchboard.identity.TeamId(team))) {
                throw new InvalidInputException("teams[" + i + "]", "is not a team id: " + input.get(i));
            }
            teams.add(team);
        }
        return List.copyOf(teams);
    }

    private void writeSkills(UUID id, Map<String, Integer> skills) {
        skills.forEach(
                (name, proficiency) -> jdbc.sql("insert into user_skill (user_id, skill, proficiency) values (?, ?, ?)")
                        .params(id, name, proficiency)
                        .update());
    }

    private void writeLanguages(UUID id, List<String> languages) {
        for (int i = 0; i < languages.size(); i++) {
            jdbc.sql("insert into user_language (user_id, language, position) values (?, ?, ?)")
                    .params(id, languages.get(i), i)
                    .update();
        }
    }
}
