package org.switchboard.identity.web;

import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.identity.Actors;
import org.switchboard.identity.internal.TeamDirectory;
import org.switchboard.identity.internal.TeamView;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.ETags;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.Page;

/** Teams and their members: any signed-in user reads, admins write. {@code {id}} is an id or a name. */
@RestController
@RequestMapping("/api/v1/teams")
class TeamsApi {

    private final TeamDirectory teams;

    TeamsApi(TeamDirectory teams) {
        this.teams = teams;
    }

    record TeamBody(String name, String description) {}

    @GetMapping
    Page<TeamView> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return teams.list(Cursor.limit(limit), cursor);
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<TeamView> create(@RequestBody TeamBody body) {
        TeamView team = teams.create(body.name(), body.description(), Actors.current());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/teams/" + team.id()))
                .eTag(ETags.of(team.version()))
                .body(team);
    }

    @GetMapping("/{id}")
    ResponseEntity<TeamView> get(@PathVariable String id) {
        return ok(teams.find(id).orElseThrow(() -> new NotFoundException("team", id)));
    }

    @PatchMapping("/{id}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<TeamView> update(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody TeamBody body) {
        return ok(teams.update(id, ETags.expectedVersion(ifMatch), body.name(), body.description(), Actors.current()));
    }

    @PutMapping("/{id}/members/{userId}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<TeamView> addMember(@PathVariable String id, @PathVariable String userId) {
        return ok(teams.addMember(id, userId, Actors.current()));
    }

    @DeleteMapping("/{id}/members/{userId}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<TeamView> removeMember(@PathVariable String id, @PathVariable String userId) {
        return ok(teams.removeMember(id, userId, Actors.current()));
    }

    private static ResponseEntity<TeamView> ok(TeamView team) {
        return ResponseEntity.ok().eTag(ETags.of(team.version())).body(team);
    }
}
