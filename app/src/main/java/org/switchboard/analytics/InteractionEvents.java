package org.switchboard.analytics;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.switchboard.platform.Page;

/** Read access to the interaction-event log, oldest first. */
public interface InteractionEvents {

    /**
     * @param since only events that occurred at or after this instant
     * @param type only events of this type
     * @param cursor the {@code nextCursor} of the previous page
     */
    Page<InteractionEvent> page(int limit, @Nullable String cursor, @Nullable Instant since, @Nullable String type);
}
