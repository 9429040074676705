package org.switchboard.cases;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The case moved to another queue (type {@code case.queue_changed}). */
public record CaseQueueChanged(
        CaseEventHeader header,
        @Nullable QueueId from,
        @Nullable QueueId to) implements CaseEvent {

    @Override
    public String type() {
        return "case.queue_changed";
    }

    @Override
    public Map<String, Object> attributes() {
        return Attributes.of("from", from, "to", to);
    }
}
