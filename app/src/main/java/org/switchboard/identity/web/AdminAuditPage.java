package org.switchboard.identity.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.switchboard.identity.internal.AuditTrail;
import org.switchboard.platform.Cursor;

/** The audit log with filters, newest first (admins only: {@code /admin/**}). */
@Controller
class AdminAuditPage {

    private final AuditTrail audit;

    AdminAuditPage(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    String audit(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String entityType,
            @RequestParam(required = false) String entityId,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String cursor,
            Model model) {
        Instant from = null;
        if (since != null && !since.isBlank()) {
            try {
                from = since.length() == 10
                        ? LocalDate.parse(since).atStartOfDay(zone(model)).toInstant()
                        : Instant.parse(since);
            } catch (DateTimeParseException e) {
                model.addAttribute("error", "since: " + since);
            }
        }
        model.addAttribute(
                "page",
                audit.search(
                        new AuditTrail.Filter(actor, action, entityType, entityId, from),
                        Cursor.DEFAULT_LIMIT,
                        cursor));
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("entityType", entityType);
        model.addAttribute("entityId", entityId);
        model.addAttribute("since", since);
        return "identity/audit";
    }

    private static java.time.ZoneId zone(Model model) {
        return model.getAttribute("userZone") instanceof java.time.ZoneId zone ? zone : java.time.ZoneOffset.UTC;
    }
}
