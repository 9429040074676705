package org.switchboard.cases;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The status changed (type {@code case.status_changed}). */
public record CaseStatusChanged(
        CaseEventHeader header,
        CaseStatus from,
        CaseStatus to,
        @Nullable PendingReason pendingReason) implements CaseEvent {

    @Override
    public String type() {
        return "case.status_changed";
    }

    @Override
    public Map<String, Object> attributes() {
        return Attributes.of(
                "from",
                from.wire(),
                "to",
                to.wire(),
                "pendingReason",
                pendingReason == null ? null : pendingReason.wire());
    }
}
