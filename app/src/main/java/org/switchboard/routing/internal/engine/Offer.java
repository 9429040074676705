package org.switchboard.routing.internal.engine;

import java.time.Instant;

/** An item reserved for one agent until the agent accepts, declines or {@code expiresAt} passes. */
public record Offer(String item, String agent, String queue, Channel channel, Instant offeredAt, Instant expiresAt) {}
