package org.switchboard.cases;

import java.util.Map;

/** {@code source} was merged into this event's case, the target (type {@code case.merged}). */
public record CasesMerged(CaseEventHeader header, CaseId source, String sourceNumber) implements CaseEvent {

    @Override
    public String type() {
        return "case.merged";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("source", source.toString(), "sourceNumber", sourceNumber);
    }
}
