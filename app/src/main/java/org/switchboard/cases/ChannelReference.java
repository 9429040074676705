package org.switchboard.cases;

import org.jspecify.annotations.Nullable;

/**
 * What a channel says about one of its messages on a case, kept with the message and shown on the
 * timeline. Cases stores it as given and does not interpret it.
 *
 * @param externalId the channel's own id of the message (an email's Message-ID header value)
 * @param threadedBy why an inbound message was filed in this case (an email's threading rule, e.g.
 *     {@code in_reply_to} or {@code new}); null for outbound messages
 */
public record ChannelReference(
        @Nullable String externalId, @Nullable String threadedBy) {}
