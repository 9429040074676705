package org.switchboard.identity.web;

import java.time.Instant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.identity.internal.AuditTrail;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.Page;

/** The audit log, newest first (admins only). {@code actor} is a user id or username. */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasRole('ADMIN')")
class AuditApi {

    private final AuditTrail audit;

    AuditApi(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping
    Page<AuditTrail.Entry> list(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId,
            @RequestParam(required = false) Instant since,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return audit.search(
                new AuditTrail.Filter(actor, action, entityType, entityId, since), Cursor.limit(limit), cursor);
    }
}
