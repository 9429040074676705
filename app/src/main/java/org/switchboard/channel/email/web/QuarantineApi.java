package org.switchboard.channel.email.web;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.channel.email.EmailQuarantine;
import org.switchboard.channel.email.QuarantinedEmail;
import org.switchboard.identity.Actors;
import org.switchboard.platform.Ids;

/** Quarantined email for administrators: list, read raw, re-process, discard. */
@RestController
@RequestMapping("/api/v1/channels/email/quarantine")
@PreAuthorize("hasRole('ADMIN')")
class QuarantineApi {

    private final EmailQuarantine quarantine;

    QuarantineApi(EmailQuarantine quarantine) {
        this.quarantine = quarantine;
    }

    record QuarantineList(List<QuarantinedEmail> items) {}

    @GetMapping
    QuarantineList list(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable Integer limit) {
        return new QuarantineList(quarantine.list(status, limit == null ? 50 : limit));
    }

    @GetMapping("/{id}")
    QuarantinedEmail get(@PathVariable String id) {
        return quarantine.get(parse(id));
    }

    /** The raw bytes as {@code message/rfc822}, as a download (never rendered). */
    @GetMapping("/{id}/raw")
    ResponseEntity<byte[]> raw(@PathVariable String id) {
        UUID uuid = parse(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("message/rfc822"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"quarantine-" + uuid + ".eml\"")
                .header("X-Content-Type-Options", "nosniff")
                .body(quarantine.raw(uuid));
    }

    @PostMapping("/{id}/reprocess")
    QuarantinedEmail reprocess(@PathVariable String id) {
        return quarantine.reprocess(parse(id), null, Actors.current());
    }

    @PostMapping("/{id}/discard")
    QuarantinedEmail discard(@PathVariable String id) {
        return quarantine.discard(parse(id), Actors.current());
    }

    private static UUID parse(String id) {
        return Ids.parse(id, "quarantined email");
    }
}
