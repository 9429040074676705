package org.switchboard.routing;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.QueueId;

/**
 * Asks routing to call a customer back about a case. Another module publishes it in the transaction that
 * decided the callback (e.g. a guided flow that ended with "offer a callback"); once that transaction has
 * committed, routing enqueues a {@code voice} work item of kind {@code callback} in the queue, carrying the
 * phone number and the case. The callback takes over the place in line of the case's waiting work item,
 * which is cancelled, so the customer does not wait twice. Validate the number and time before publishing:
 * the request is carried out after the commit, where nobody can be told about bad input.
 *
 * @param eventId unique per request; a redelivered request is enqueued once
 * @param phone the number to call, as the customer gave it
 * @param notBefore a scheduled callback is not offered before then; null: as soon as an agent is free
 * @param via why the callback was asked for, kept on the queued event (e.g. {@code guided flow})
 */
public record CallbackRequested(
        UUID eventId,
        Instant occurredAt,
        CaseId caseId,
        QueueId queue,
        String phone,
        @Nullable Instant notBefore,
        String via) {}
