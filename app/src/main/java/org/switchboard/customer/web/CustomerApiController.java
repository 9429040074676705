package org.switchboard.customer.web;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerDetails;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.CustomerProfile;
import org.switchboard.customer.CustomerSearch;
import org.switchboard.customer.Customers;
import org.switchboard.customer.internal.CustomerDirectory;
import org.switchboard.identity.Actors;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.ETags;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.JsonBody;
import org.switchboard.platform.Page;
import org.switchboard.platform.StaleVersionException;
import tools.jackson.databind.JsonNode;

/**
 * The customer API. Any signed-in user may read and change customers. A merged customer's id answers
 * with its survivor: {@code GET /customers/{mergedId}} returns the survivor (200) and names it in a
 * {@code Content-Location} header; writes to a merged id act on the survivor.
 */
@RestController
@RequestMapping("/api/v1/customers")
class CustomerApiController {

    private static final String BASE = "/api/v1/customers/";

    private final Customers customers;
    private final CustomerDirectory directory;

    CustomerApiController(Customers customers, CustomerDirectory directory) {
        this.customers = customers;
        this.directory = directory;
    }

    @GetMapping
    Page<CustomerJson> list(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String email,
            @RequestParam(required = false) @Nullable String tier,
            @RequestParam(required = false) @Nullable String tag,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        int size = Cursor.limit(limit);
        return directory
                .searchProfiles(new CustomerSearch(q, email, tier, tag), size, cursor)
                .map(CustomerJson::of);
    }

    @PostMapping
    ResponseEntity<CustomerJson> create(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = CustomerRequests.CustomerInput.class)))
                    @RequestBody
                    JsonNode json) {
        JsonBody body = JsonBody.of(json);
        CustomerDetails details = details(body, null);
        List<ChannelIdentity> identities = new ArrayList<>();
        if (body.has("email")) {
            identity(body, "email", ChannelIdentity.Kind.EMAIL, identities);
        }
        if (body.has("phone")) {
            identity(body, "phone", ChannelIdentity.Kind.PHONE, identities);
        }
        for (JsonBody item : body.objects("identities")) {
            ChannelIdentity identity = identity(item);
            if (identity != null) {
                identities.add(identity);
            }
        }
        body.check();
        CustomerProfile created = customers.create(details, identities);
        return ResponseEntity.created(URI.create(BASE + created.id()))
                .eTag(ETags.of(created.version()))
                .body(CustomerJson.of(created));
    }

    @GetMapping("/{id}")
    ResponseEntity<CustomerJson> get(@PathVariable String id) {
        CustomerId requested = CustomerId.parse(id);
        CustomerProfile profile = customers.view(requested, Actors.current());
        return respond(HttpStatus.OK, requested, profile);
    }

    @PatchMapping("/{id}")
    ResponseEntity<CustomerJson> update(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = CustomerRequests.CustomerInput.class)))
                    @RequestBody
                    JsonNode json) {
        Long expected = ETags.expectedVersion(ifMatch);
        CustomerId requested = CustomerId.parse(id);
        for (int attempt = 1; ; attempt++) {
            JsonBody body = JsonBody.of(json);
            CustomerProfile current = customers.profile(requested);
            CustomerDetails details = details(body, current);
            body.check();
            // The patch is applied to the version just read: without If-Match a concurrent change is
            // not overwritten but read again and the patch reapplied.
            try {
                return respond(
                        HttpStatus.OK,
                        requested,
                        customers.update(requested, details, expected != null ? expected : current.version()));
            } catch (StaleVersionException e) {
                if (expected != null || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    @PostMapping("/{id}/identities")
    ResponseEntity<CustomerJson> addIdentity(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = CustomerRequests.IdentityInput.class)))
                    @RequestBody
                    JsonNode json) {
        Long expected = ETags.expectedVersion(ifMatch);
        CustomerId requested = CustomerId.parse(id);
        JsonBody body = JsonBody.of(json);
        ChannelIdentity identity = identity(body);
        body.check();
        long before = customers.profile(requested).version();
        CustomerProfile profile =
                customers.addIdentity(requested, java.util.Objects.requireNonNull(identity), expected);
        return respond(profile.version() == before ? HttpStatus.OK : HttpStatus.CREATED, requested, profile);
    }

    @DeleteMapping("/{id}/identities/{identityId}")
    ResponseEntity<CustomerJson> removeIdentity(
            @PathVariable String id,
            @PathVariable String identityId,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
        Long expected = ETags.expectedVersion(ifMatch);
        CustomerId requested = CustomerId.parse(id);
        CustomerProfile profile = customers.removeIdentity(requested, Ids.parse(identityId, "identity"), expected);
        return respond(HttpStatus.OK, requested, profile);
    }

    @PostMapping("/{id}/merge")
    ResponseEntity<CustomerJson> merge(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = CustomerRequests.MergeInput.class)))
                    @RequestBody
                    JsonNode json) {
        Long expected = ETags.expectedVersion(ifMatch);
        CustomerId survivor = CustomerId.parse(id);
        JsonBody body = JsonBody.of(json);
        String from = body.string("from");
        if (from == null && !body.has("from")) {
            body.problem("from", "is required");
        }
        body.check();
        CustomerId merged;
        try {
            merged = new CustomerId(java.util.UUID.fromString(java.util.Objects.requireNonNull(from)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("from", "is not a customer id");
        }
        CustomerProfile profile = customers.merge(survivor, merged, expected, Actors.current());
        return respond(HttpStatus.OK, survivor, profile);
    }

    private static ResponseEntity<CustomerJson> respond(
            HttpStatus status, CustomerId requested, CustomerProfile profile) {
        var response = ResponseEntity.status(status).eTag(ETags.of(profile.version()));
        if (!profile.id().equals(requested)) {
            response.header(HttpHeaders.CONTENT_LOCATION, BASE + profile.id());
        }
        return response.body(CustomerJson.of(profile));
    }

    /**
     * The editable fields from a body; for a PATCH ({@code current} given) an absent field keeps its
     * value and {@code null} clears it.
     */
    private static CustomerDetails details(JsonBody body, @Nullable CustomerProfile current) {
        CustomerDetails base = current == null
                ? new CustomerDetails("", null, null, null, null, null, List.of(), null)
                : CustomerDetails.of(current);
        String name = base.name();
        if (current == null || body.has("name")) {
            if (!body.has("name") || body.isNull("name")) {
                body.problem("name", "is required");
            }
            name = body.string("name");
            if (name == null) {
                name = "";
            }
        }
        String organization = base.organization();
        String emailDomain = null;
        if (body.has("organization")) {
            if (body.isString("organization")) {
                organization = body.string("organization");
            } else {
                JsonBody org = body.object("organization");
                organization = org == null ? null : org.string("name");
                emailDomain = org == null ? null : org.string("emailDomain");
            }
        }
        String language = body.has("preferredLanguage") ? body.string("preferredLanguage") : base.preferredLanguage();
        String timeZone = body.has("timeZone") ? body.string("timeZone") : base.timeZone();
        String tier = body.has("tier") ? body.string("tier") : base.tier();
        List<String> tags = base.tags();
        if (body.has("tags")) {
            List<String> given = body.strings("tags");
            tags = given == null ? List.of() : given;
        }
        String notes = body.has("notes") ? body.string("notes") : base.notes();
        return new CustomerDetails(name, organization, emailDomain, language, timeZone, tier, tags, notes);
    }

    /** An identity given as a top-level shorthand such as {@code "email": "..."}. */
    private static void identity(JsonBody body, String field, ChannelIdentity.Kind kind, List<ChannelIdentity> into) {
        String value = body.string(field);
        if (value == null) {
            return;
        }
        try {
            into.add(new ChannelIdentity(kind, value));
        } catch (IllegalArgumentException e) {
            body.problem(field, e.getMessage());
        }
    }

    /** An identity given as {@code {"kind", "value"}}; null (with a problem recorded) when invalid. */
    private static @Nullable ChannelIdentity identity(JsonBody body) {
        String kindName = body.string("kind");
        String value = body.string("value");
        ChannelIdentity.Kind kind = null;
        if (kindName == null) {
            body.problem("kind", "is required");
        } else {
            try {
                kind = ChannelIdentity.Kind.fromWire(kindName);
            } catch (IllegalArgumentException e) {
                body.problem("kind", e.getMessage());
            }
        }
        if (kind == null) {
            return null;
        }
        try {
            return new ChannelIdentity(kind, value);
        } catch (IllegalArgumentException e) {
            body.problem("value", e.getMessage());
            return null;
        }
    }
}
