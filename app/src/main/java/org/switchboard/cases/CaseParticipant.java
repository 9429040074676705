package org.switchboard.cases;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.switchboard.customer.ChannelIdentity;

/**
 * Someone on a case besides its customer, e.g. a Cc recipient of an email: channel replies go to them
 * as well.
 *
 * @param identity how they are reached (an email address)
 * @param name their display name, if known
 * @param role why they are on the case, e.g. {@code cc}
 */
public record CaseParticipant(
        ChannelIdentity identity, @Nullable String name, String role, Instant addedAt) {}
