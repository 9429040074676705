package org.switchboard.routing.internal.dispatch;

import java.time.Instant;
import java.util.UUID;
import org.switchboard.identity.UserId;

/** An offer waiting for its agent's answer until {@code expiresAt}. */
public record OpenOffer(UUID offer, UUID item, UserId agent, Instant expiresAt) {}
