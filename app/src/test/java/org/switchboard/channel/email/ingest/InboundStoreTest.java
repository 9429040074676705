package org.switchboard.channel.email.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InboundStoreTest {

    private static byte[] raw(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theMessageIdIsReadFromTheHeaderWithoutParsing() {
        assertThat(InboundStore.RawHeaders.messageId(raw("From: a@b.c\r\nMessage-ID: <abc@host>\r\n\r\nbody")))
                .isEqualTo("abc@host");
        assertThat(InboundStore.RawHeaders.messageId(raw("message-id:\r\n  <folded@host>\r\nSubject: x\r\n\r\n")))
                .isEqualTo("folded@host");
    }

    @Test
    void aMessageIdInTheBodyIsNotTheMessagesOwn() {
        assertThat(InboundStore.RawHeaders.messageId(raw("Subject: x\n\nMessage-ID: <body@host>\n")))
                .isNull();
        assertThat(InboundStore.RawHeaders.messageId(raw("Subject: x\n"))).isNull();
    }

    @Test
    void equalContentHasEqualHashes() {
        assertThat(InboundStore.sha256(raw("a"))).isEqualTo(InboundStore.sha256(raw("a")));
        assertThat(InboundStore.sha256(raw("a"))).isNotEqualTo(InboundStore.sha256(raw("b")));
    }

    @Test
    void plusAddressesShareTheirBaseAddress() {
        assertThat(InboundProcessor.stripPlus("support+billing@example.com")).isEqualTo("support@example.com");
        assertThat(InboundProcessor.stripPlus("support@example.com")).isEqualTo("support@example.com");
    }
}
