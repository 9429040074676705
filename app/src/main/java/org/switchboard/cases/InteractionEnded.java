package org.switchboard.cases;

import java.util.Map;

/** An interaction ended (type {@code interaction.ended}). */
public record InteractionEnded(CaseEventHeader header, Direction direction, long durationSeconds) implements CaseEvent {

    @Override
    public String type() {
        return "interaction.ended";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("direction", direction.wire(), "durationSeconds", durationSeconds);
    }
}
