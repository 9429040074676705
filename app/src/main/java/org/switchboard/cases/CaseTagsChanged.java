package org.switchboard.cases;

import java.util.Map;

/** Tags were added or removed (type {@code case.tags_changed}). */
public record CaseTagsChanged(CaseEventHeader header, java.util.List<String> added, java.util.List<String> removed)
        implements CaseEvent {

    @Override
    public String type() {
        return "case.tags_changed";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("added", added, "removed", removed);
    }
}
