package org.switchboard.cases;

import java.util.Map;

/** A case was opened (type {@code case.created}). */
public record CaseOpened(CaseEventHeader header, String number, String subject, Priority priority, CaseStatus status)
        implements CaseEvent {

    @Override
    public String type() {
        return "case.created";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("number", number, "priority", priority.wire(), "status", status.wire());
    }
}
