package org.switchboard.cases;

import java.util.Map;

/** A case was resolved with a disposition (type {@code case.resolved}); also a {@link CaseStatusChanged}. */
public record CaseResolved(CaseEventHeader header, String disposition, java.time.Instant createdAt)
        implements CaseEvent {

    @Override
    public String type() {
        return "case.resolved";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("disposition", disposition, "createdAt", createdAt.toString());
    }
}
