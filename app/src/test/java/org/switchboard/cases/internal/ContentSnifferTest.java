package org.switchboard.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentSnifferTest {

    private static String sniff(byte[] bytes) {
        return ContentSniffer.sniff(bytes, bytes.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void recognisesCommonTypesByTheirMagicNumbers() {
        assertThat(sniff(ascii("%PDF-1.7\n..."))).isEqualTo("application/pdf");
        assertThat(sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0}))
                .isEqualTo("image/png");
        assertThat(sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}))
                .isEqualTo("image/jpeg");
        assertThat(sniff(ascii("GIF89a...."))).isEqualTo("image/gif");
        assertThat(sniff(ascii("PK\u0003\u0004....other.txt"))).isEqualTo("application/zip");
        assertThat(sniff(ascii("PK\u0003\u0004....[Content_Types].xml....word/document.xml")))
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    }

    @Test
    void utf8WithoutControlBytesIsText() {
        assertThat(sniff("Bonjour, ça va ? 你好\n".getBytes(StandardCharsets.UTF_8)))
                .startsWith("text/plain");
        assertThat(sniff(new byte[] {'a', 0, 'b'})).isEqualTo("application/octet-stream");
        assertThat(sniff(new byte[] {(byte) 0xC3, (byte) 0x28})).isEqualTo("application/octet-stream");
        assertThat(sniff(new byte[0])).isEqualTo("application/octet-stream");
    }

    @Test
    void htmlIsNeverReportedAsHtml() {
        assertThat(sniff(ascii("<html><script>alert(1)</script></html>"))).startsWith("text/plain");
    }
}
