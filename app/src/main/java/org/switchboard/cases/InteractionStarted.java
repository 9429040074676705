package org.switchboard.cases;

import java.util.Map;

/** An interaction began (type {@code interaction.started}). */
public record InteractionStarted(CaseEventHeader header, Direction direction) implements CaseEvent {

    @Override
    public String type() {
        return "interaction.started";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("direction", direction.wire());
    }
}
