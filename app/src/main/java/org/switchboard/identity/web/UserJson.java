package org.switchboard.identity.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.switchboard.identity.internal.Invitations;
import org.switchboard.identity.internal.ProfileRules;
import org.switchboard.identity.internal.UserView;

/**
 * A user on the wire. {@code passwordSet} is false for an invited user who has not yet chosen a
 * password; {@code invitation} is present only in the answer to creating an invited user.
 */
record UserJson(
        String id,
        String username,
        String email,
        String displayName,
        String role,
        boolean active,
        boolean passwordSet,
        String locale,
        String timeZone,
        List<UserView.SkillLevel> skills,
        List<String> languages,
        Map<String, Integer> capacity,
        List<UserView.TeamRef> teams,
        Instant createdAt,
        Instant deactivatedAt,
        long version,

        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        InvitationJson invitation) {

    /** An invitation: {@code url} is given only when it was not mailed (no mail server configured). */
    record InvitationJson(String url, Instant expiresAt, boolean mailed) {
        static InvitationJson of(Invitations.Issued issued) {
            return issued == null ? null : new InvitationJson(issued.url(), issued.expiresAt(), issued.mailed());
        }
    }

    static UserJson of(UserView u) {
        return of(u, null);
    }

    static UserJson of(UserView u, Invitations.Issued invitation) {
        return new UserJson(
                u.id().toString(),
                u.username(),
                u.email(),
                u.displayName(),
                ProfileRules.wire(u.role()),
                u.active(),
                u.hasPassword(),
                u.locale(),
                u.timeZone(),
                u.skills(),
                u.languages(),
                u.capacity(),
                u.teams(),
                u.createdAt(),
                u.deactivatedAt(),
                u.version(),
                InvitationJson.of(invitation));
    }
}
