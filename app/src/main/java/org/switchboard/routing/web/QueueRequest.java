package org.switchboard.routing.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The shape of a queue request body, for the OpenAPI document; the controller reads bodies field by
 * field so a PATCH can tell an absent field from {@code null}.
 */
@Schema(description = "A queue. On PATCH every field is optional: an absent field is kept.")
record QueueRequest(
        @Schema(example = "Billing", requiredMode = Schema.RequiredMode.REQUIRED)
        String name,

        @Schema(description = "The owning team's id", requiredMode = Schema.RequiredMode.REQUIRED)
        String team,

        List<Skill> requiredSkills,

        @Schema(description = "ISO 639-1; null for any language", example = "fr")
        String language,

        @Schema(minimum = "0", maximum = "100", defaultValue = "0")
        Integer basePriority,

        @Schema(defaultValue = "true") Boolean active) {

    record Skill(
            @Schema(description = "A skill of the skill catalog", example = "billing")
            String skill,

            @Schema(minimum = "1", maximum = "5") Integer minProficiency) {}
}
