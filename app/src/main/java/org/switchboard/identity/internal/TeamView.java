package org.switchboard.identity.internal;

import java.time.Instant;
import java.util.List;
import org.switchboard.identity.TeamId;

/** A team with its members, as the API and admin pages show it. */
public record TeamView(
        TeamId id, String name, String description, List<Member> members, Instant createdAt, long version) {

    public record Member(String id, String username, String displayName, boolean active) {}
}
