package org.switchboard.customer.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The shapes of the customer API's request bodies, for the OpenAPI document. The controller reads
 * bodies field by field (so a PATCH can tell an absent field from {@code null}); these records only
 * describe them.
 */
final class CustomerRequests {

    private CustomerRequests() {}

    @Schema(description = "A customer. On PATCH every field is optional: an absent field is kept, null clears it.")
    record CustomerInput(
            @Schema(example = "Ada Lovelace", requiredMode = Schema.RequiredMode.REQUIRED)
            String name,

            @Schema(
                    description = "An organization name, or {\"name\", \"emailDomain\"}; created when missing",
                    example = "Analytical Engines Ltd")
            Object organization,

            @Schema(description = "ISO 639-1", example = "en")
            String preferredLanguage,

            @Schema(description = "IANA time zone", example = "Europe/London")
            String timeZone,

            @Schema(description = "A configured tier", example = "gold")
            String tier,

            List<String> tags,
            String notes,

            @Schema(description = "Shorthand for an email identity (POST only)")
            String email,

            @Schema(description = "Shorthand for a phone identity in E.164 (POST only)", example = "+442079460958")
            String phone,

            @Schema(description = "Identities to attach (POST only)")
            List<IdentityInput> identities) {}

    record IdentityInput(
            @Schema(allowableValues = {"email", "phone", "chat_visitor", "portal_account"})
            String kind,

            @Schema(example = "ada@example.com") String value) {}

    record MergeInput(
            @Schema(description = "The id of the customer to fold into this one")
            String from) {}
}
