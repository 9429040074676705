package org.switchboard.analytics.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.analytics.InteractionEvent;
import org.switchboard.analytics.InteractionEvents;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Page;

/**
 * {@code GET /api/v1/events}: the interaction-event log for integrators, oldest first, cursor-paged by
 * log position. Supervisors and admins only.
 */
@RestController
class EventFeedController {

    private final InteractionEvents events;

    EventFeedController(InteractionEvents events) {
        this.events = events;
    }

    @GetMapping("/api/v1/events")
    @PreAuthorize("hasRole('SUPERVISOR')")
    Page<InteractionEvent> events(
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String type) {
        Instant from = null;
        if (since != null && !since.isBlank()) {
            try {
                from = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("since", "must be an ISO-8601 instant, e.g. 2026-11-24T08:00:00Z");
            }
        }
        return events.page(Cursor.limit(limit), cursor == null || cursor.isBlank() ? null : cursor, from, type);
    }
}
