package org.switchboard.cases;

import java.util.Map;

/** This event's case was linked to {@code other} (type {@code case.linked}). */
public record CasesLinked(CaseEventHeader header, CaseId other, LinkKind kind) implements CaseEvent {

    @Override
    public String type() {
        return "case.linked";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("other", other.toString(), "kind", kind.wire());
    }
}
