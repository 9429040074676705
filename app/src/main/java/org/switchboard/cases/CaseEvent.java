package org.switchboard.cases;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.customer.CustomerId;
import org.switchboard.identity.UserId;

/**
 * A domain event of the case core, published in the transaction of the change (persisted by Spring
 * Modulith, so a committed event is delivered even if the process dies). {@link #type()} is the stable
 * name used in the interaction-event log, e.g. {@code case.created}.
 */
public sealed interface CaseEvent
        permits CaseOpened,
                CaseAssigned,
                CaseStatusChanged,
                CaseResolved,
                CaseReopened,
                CasePriorityChanged,
                CaseQueueChanged,
                CaseTagsChanged,
                CaseCustomerChanged,
                MessageReceived,
                MessageSent,
                NoteAdded,
                InteractionStarted,
                InteractionEnded,
                CasesMerged,
                CaseSplit,
                CasesLinked {

    CaseEventHeader header();

    /** The dotted event type, e.g. {@code case.created}, {@code message.received}. */
    String type();

    /** Event-specific facts as wire values (ids and enum names as strings). */
    Map<String, Object> attributes();

    default UUID eventId() {
        return header().eventId();
    }

    default Instant occurredAt() {
        return header().occurredAt();
    }

    default CaseId caseId() {
        return header().caseId();
    }

    default @Nullable InteractionId interactionId() {
        return header().interactionId();
    }

    default @Nullable UserId agent() {
        return header().agent();
    }

    default @Nullable QueueId queue() {
        return header().queue();
    }

    default Channel channel() {
        return header().channel();
    }

    default CustomerId customer() {
        return header().customer();
    }
}
