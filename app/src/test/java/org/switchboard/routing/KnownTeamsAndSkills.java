package org.switchboard.routing;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.UserId;
import org.switchboard.identity.UserSummary;
import org.switchboard.identity.Users;

/**
 * A stand-in for identity's {@link Users} in integration tests: teams and skills that tests register
 * here exist, nothing else does. Routing validates a queue's team and skills through {@code Users};
 * the real implementation and its tables are identity's and covered by identity's tests.
 *
 * <p>Registered as a test-classpath auto-configuration (see {@code META-INF/spring/...AutoConfiguration.imports}
 * under test resources) and only when no other {@code Users} bean exists, so every test context starts;
 * once identity's implementation is present this stand-in steps aside, and the tests that register teams
 * here must create real teams instead.
 */
@AutoConfiguration
public class KnownTeamsAndSkills {

    private static final Set<TeamId> TEAMS = ConcurrentHashMap.newKeySet();
    private static final Set<String> SKILLS = ConcurrentHashMap.newKeySet();

    /** A new team that exists from now on. */
    public static TeamId newTeam() {
        TeamId team = new TeamId(UUID.randomUUID());
        TEAMS.add(team);
        return team;
    }

    /** A new skill of the catalog, named {@code prefix-<random>}. */
    public static String newSkill(String prefix) {
        String skill = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        SKILLS.add(skill.toLowerCase(Locale.ROOT));
        return skill;
    }

    @Bean
    @ConditionalOnMissingBean(Users.class)
    Users knownTeamsAndSkills() {
        return new Users() {
            @Override
            public Optional<UserSummary> find(UserId id) {
                return Optional.empty();
            }

            @Override
            public Optional<UserSummary> findByIdOrUsername(String idOrUsername) {
                return Optional.empty();
            }

            @Override
            public Map<UserId, UserSummary> findAll(Collection<UserId> ids) {
                return Map.of();
            }

            @Override
            public Set<TeamId> teamsOf(UserId id) {
                return Set.of();
            }

            @Override
            public boolean teamExists(TeamId id) {
                return TEAMS.contains(id);
            }

            @Override
            public boolean skillExists(String name) {
                return SKILLS.contains(name.toLowerCase(Locale.ROOT));
            }
        };
    }
}
