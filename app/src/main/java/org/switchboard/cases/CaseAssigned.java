package org.switchboard.cases;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.identity.UserId;

/** The assignee changed (type {@code case.assigned}); {@code assignee} null means unassigned. */
public record CaseAssigned(
        CaseEventHeader header,
        @Nullable UserId previous,
        @Nullable UserId assignee) implements CaseEvent {

    @Override
    public String type() {
        return "case.assigned";
    }

    @Override
    public Map<String, Object> attributes() {
        return Attributes.of("previous", previous, "assignee", assignee);
    }
}
