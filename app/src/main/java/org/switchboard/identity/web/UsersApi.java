package org.switchboard.identity.web;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.identity.Actors;
import org.switchboard.identity.internal.ProfileRules;
import org.switchboard.identity.internal.UserAccounts;
import org.switchboard.identity.internal.UserInput;
import org.switchboard.identity.internal.UserStore;
import org.switchboard.identity.internal.UserView;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.ETags;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Page;

/** Users and agents: any signed-in user reads, admins write. {@code {id}} is an id or a username. */
@RestController
@RequestMapping("/api/v1")
class UsersApi {

    private final UserStore store;
    private final UserAccounts accounts;
    private final PublicUrl publicUrl;

    UsersApi(UserStore store, UserAccounts accounts, PublicUrl publicUrl) {
        this.store = store;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/users")
    Page<UserJson> list(
            @RequestParam(required = false) String role,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) String team,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return store.list(
                        role == null ? null : ProfileRules.role(role, "role"),
                        active,
                        team,
                        q,
                        Cursor.limit(limit),
                        cursor)
                .map(UserJson::of);
    }

    @PostMapping("/users")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<UserJson> create(@RequestBody UserInput.NewUser body) {
        var created = accounts.create(body, Actors.current(), publicUrl.base());
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .location(URI.create("/api/v1/users/" + created.user().id()))
                .eTag(ETags.of(created.user().version()))
                .body(UserJson.of(created.user(), created.invitation()));
    }

    @GetMapping("/users/{id}")
    ResponseEntity<UserJson> get(@PathVariable String id) {
        return ok(view(id));
    }

    @GetMapping("/me")
    ResponseEntity<UserJson> me() {
        return ok(view(Actors.current().id().toString()));
    }

    @PatchMapping("/users/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<UserJson> update(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody UserInput.Changes body) {
        return ok(accounts.update(id, ETags.expectedVersion(ifMatch), body, Actors.current()));
    }

    @PostMapping("/users/{id}/deactivate")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<UserJson> deactivate(
            @PathVariable String id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return ok(accounts.deactivate(id, ETags.expectedVersion(ifMatch), Actors.current()));
    }

    /** A new invitation link for a user who has not yet set a password (e.g. the first one expired). */
    @PostMapping("/users/{id}/invitation")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<UserJson.InvitationJson> reinvite(@PathVariable String id) {
        var issued = accounts.reinvite(id, Actors.current(), publicUrl.base());
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .body(UserJson.InvitationJson.of(issued));
    }

    private UserView view(String id) {
        return store.findRow(id).flatMap(store::view).orElseThrow(() -> new NotFoundException("user", id));
    }

    private static ResponseEntity<UserJson> ok(UserView user) {
        return ResponseEntity.ok().eTag(ETags.of(user.version())).body(UserJson.of(user));
    }
}
