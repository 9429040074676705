package org.switchboard.cases;

import org.jspecify.annotations.Nullable;

/**
 * Someone shown on a case: a customer, an agent or the system.
 *
 * @param kind customer, agent or system
 * @param id the customer's or user's id; null for the system
 * @param name display name (null when unknown)
 */
public record Party(
        AuthorKind kind, @Nullable String id, @Nullable String name) {

    public static final Party SYSTEM = new Party(AuthorKind.SYSTEM, null, "System");
}
