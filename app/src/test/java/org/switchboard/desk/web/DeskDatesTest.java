package org.switchboard.desk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DeskDatesTest {

    private final DeskDates dates = new DeskDates();
    private final Instant instant = Instant.parse("2026-11-24T23:30:00Z");

    @Test
    void datesAreShownInTheUsersTimeZone() {
        assertThat(dates.format(instant, ZoneId.of("Europe/Paris"), Locale.ENGLISH))
                .contains("Nov 25, 2026")
                .contains("12:30");
        assertThat(dates.format(instant, "Asia/Shanghai", Locale.ENGLISH))
                .contains("Nov 25, 2026")
                .contains("7:30");
    }

    @Test
    void noOrAnUnknownZoneMeansUtc() {
        assertThat(dates.zone(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(dates.zone("Mars/Olympus")).isEqualTo(ZoneOffset.UTC);
        assertThat(dates.format(instant, null, Locale.ENGLISH))
                .contains("Nov 24, 2026")
                .contains("11:30");
    }

    @Test
    void datesFollowTheUsersLanguage() {
        assertThat(dates.format(instant, "UTC", Locale.FRENCH)).contains("nov.");
        assertThat(dates.format(instant, "UTC", Locale.forLanguageTag("ru"))).contains("нояб.");
    }

    @Test
    void durationsAreMinutesAndSecondsOrHours() {
        assertThat(dates.duration(252L)).isEqualTo("4:12");
        assertThat(dates.duration(3_725L)).isEqualTo("1:02:05");
        assertThat(dates.duration(null)).isEmpty();
    }
}
