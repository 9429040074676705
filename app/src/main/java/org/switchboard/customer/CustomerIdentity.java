package org.switchboard.customer;

import java.util.UUID;

/** One channel identity as it is attached to a customer; {@code id} names it for removal. */
public record CustomerIdentity(UUID id, ChannelIdentity identity) {}
