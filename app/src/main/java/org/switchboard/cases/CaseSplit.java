package org.switchboard.cases;

import java.util.Map;

/** A message was split out of {@code from} into this event's new case (type {@code case.split}). */
public record CaseSplit(CaseEventHeader header, CaseId from, MessageId messageId) implements CaseEvent {

    @Override
    public String type() {
        return "case.split";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("from", from.toString(), "messageId", messageId.toString());
    }
}
