package org.switchboard.identity.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.identity.Actors;
import org.switchboard.identity.internal.ApiTokens;
import org.switchboard.platform.Page;

/** The signed-in user's own API tokens. The token value is returned once, at creation. */
@RestController
@RequestMapping("/api/v1/me/tokens")
class TokensApi {

    private final ApiTokens tokens;

    TokensApi(ApiTokens tokens) {
        this.tokens = tokens;
    }

    record TokenBody(String name) {}

    @PostMapping
    ResponseEntity<ApiTokens.CreatedToken> create(@RequestBody TokenBody body) {
        var created = tokens.create(Actors.current(), body.name());
        // The clear token is in this answer only: no cache may keep it
        return ResponseEntity.status(HttpStatus.CREATED)
                .cacheControl(org.springframework.http.CacheControl.noStore())
                .location(URI.create("/api/v1/me/tokens/" + created.id()))
                .body(created);
    }

    @GetMapping
    Page<ApiTokens.TokenInfo> list() {
        return new Page<>(tokens.list(Actors.current().id()), null);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        tokens.revoke(Actors.current(), id);
        return ResponseEntity.noContent().build();
    }
}
