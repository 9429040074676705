package org.switchboard.cases;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.customer.CustomerId;

/**
 * Opens a case with the customer's first message (an inbound interaction on {@code channel}).
 *
 * @param subject 1..250 characters
 * @param customer identified beforehand ({@code Customers.identifyOrCreate})
 * @param queue where it is filed; may be null (unfiled, seen by supervisors)
 * @param priority null means normal
 * @param channel the origin channel; null means api
 * @param firstMessage the customer's message that opened the case
 */
public record OpenCase(
        String subject,
        CustomerId customer,
        @Nullable QueueId queue,
        @Nullable Priority priority,
        @Nullable Channel channel,
        MessageDraft firstMessage,
        @Nullable Set<String> tags,
        @Nullable String category) {}
