package org.switchboard.cases;

import java.time.Instant;

/**
 * A named reply template. {@code body} may contain {@code {{customer.name}}}, {@code {{case.number}}}
 * and {@code {{agent.name}}}.
 */
public record CannedResponse(
        CannedResponseId id, String name, String body, Instant createdAt, Instant updatedAt, long version) {}
