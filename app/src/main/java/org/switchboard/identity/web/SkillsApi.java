package org.switchboard.identity.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.identity.Actors;
import org.switchboard.identity.internal.SkillCatalog;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.Page;

/** The skill catalog: any signed-in user reads, admins add. */
@RestController
@RequestMapping("/api/v1/skills")
class SkillsApi {

    private final SkillCatalog skills;

    SkillsApi(SkillCatalog skills) {
        this.skills = skills;
    }

    record SkillBody(String name, String description) {}

    @GetMapping
    Page<SkillCatalog.Skill> list(
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return skills.list(Cursor.limit(limit), cursor);
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<SkillCatalog.Skill> create(@RequestBody SkillBody body) {
        var skill = skills.create(body.name(), body.description(), Actors.current());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/skills/" + skill.name()))
                .body(skill);
    }
}
