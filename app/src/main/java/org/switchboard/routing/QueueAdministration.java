package org.switchboard.routing;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.TeamId;

/**
 * Creating queues from code (demo data, imports) with the same rules as the API: an invalid field is an
 * {@code InvalidInputException} naming it.
 */
public interface QueueAdministration {

    /** The queue of this name, created with these settings when there is none. */
    QueueId ensureQueue(NewQueue queue);

    /**
     * @param requiredSkills skill name to the minimum proficiency (1-5); every skill must be in the catalog
     * @param language ISO 639-1 code, or null for any language
     * @param basePriority 0-100
     */
    record NewQueue(
            String name,
            TeamId team,
            Map<String, Integer> requiredSkills,
            @Nullable String language,
            int basePriority) {}
}
