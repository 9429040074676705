package org.switchboard.cases;

import java.util.Map;

/** The priority changed (type {@code case.priority_changed}). */
public record CasePriorityChanged(CaseEventHeader header, Priority from, Priority to) implements CaseEvent {

    @Override
    public String type() {
        return "case.priority_changed";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("from", from.wire(), "to", to.wire());
    }
}
