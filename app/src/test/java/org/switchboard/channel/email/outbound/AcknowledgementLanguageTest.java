package org.switchboard.channel.email.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The language of an acknowledgement: the customer's, else the mail's, else English; only with a template. */
class AcknowledgementLanguageTest {

    @Test
    void theCustomersLanguageWinsThenTheMailsThenEnglish() {
        assertThat(OutboundMail.templateLocale("fr", "ru")).isEqualTo(Locale.FRENCH);
        assertThat(OutboundMail.templateLocale(null, "zh-CN, en;q=0.5")).isEqualTo(Locale.CHINESE);
        assertThat(OutboundMail.templateLocale("", "ru-RU")).isEqualTo(Locale.forLanguageTag("ru"));
        assertThat(OutboundMail.templateLocale("de", "es")).as("no template").isEqualTo(Locale.ENGLISH);
        assertThat(OutboundMail.templateLocale(null, null)).isEqualTo(Locale.ENGLISH);
    }
}
