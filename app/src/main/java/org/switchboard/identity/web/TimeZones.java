package org.switchboard.identity.web;

import java.time.ZoneId;
import java.util.List;

/** The time zones offered in choosers: the region-based ids, sorted, plus UTC. */
final class TimeZones {

    static final List<String> ALL = ZoneId.getAvailableZoneIds().stream()
            .filter(id ->
                    id.equals("UTC") || (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")))
            .sorted()
            .toList();

    private TimeZones() {}
}
