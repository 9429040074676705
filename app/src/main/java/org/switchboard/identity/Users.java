package org.switchboard.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Read access to users and teams for other modules. */
public interface Users {

    Optional<UserSummary> find(UserId id);

    /** Looks up by id or username. */
    Optional<UserSummary> findByIdOrUsername(String idOrUsername);

    Map<UserId, UserSummary> findAll(Collection<UserId> ids);

    Set<TeamId> teamsOf(UserId id);

    /**
     * Who may take work of these teams: the active members of any of them (whatever their role) plus
     * every active supervisor, ordered by display name (case-insensitively). One query.
     */
    List<UserSummary> activeUsers(Set<TeamId> teams);

    /** Every team, ordered by name (case-insensitively). */
    List<TeamSummary> teams();

    /** Whether a team with this id exists. */
    boolean teamExists(TeamId id);

    /**
     * The email addresses of all users (active or not), lower-case: mail claiming one of them in From is
     * not trusted to come from that user.
     */
    Set<String> emailAddresses();

    /** Whether a skill of this name is in the skill catalog (names are compared case-insensitively). */
    boolean skillExists(String name);
}
