package org.switchboard.cases.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.switchboard.cases.AttachmentTooLargeException;
import org.switchboard.platform.SwitchboardProperties;

class AttachmentStorageTest {

    @TempDir
    Path dataDir;

    private AttachmentStorage storage(long maxBytes) {
        return new AttachmentStorage(new SwitchboardProperties(
                dataDir, false, null, null, null, new SwitchboardProperties.Api(1 << 20, maxBytes)));
    }

    @Test
    void contentInMemoryIsStoredOnceUnderItsDigestAndReadsBackTheSame() throws IOException {
        AttachmentStorage storage = storage(1 << 20);
        byte[] pdf = "%PDF-1.7\nhello".getBytes(StandardCharsets.US_ASCII);

        var first = storage.store(pdf);
        var second = storage.store(pdf.clone());

        assertThat(second).isEqualTo(first);
        assertThat(first.sha256()).hasSize(64);
        assertThat(first.size()).isEqualTo(pdf.length);
        assertThat(first.contentType()).isEqualTo("application/pdf");
        try (var in = storage.open(first.sha256())) {
            assertThat(in.readAllBytes()).isEqualTo(pdf);
        }
        try (Stream<Path> files = Files.walk(dataDir.resolve("attachments"))) {
            assertThat(files.filter(Files::isRegularFile).toList())
                    .as("one file, no temporary leftovers")
                    .containsExactly(storage.pathOf(first.sha256()));
        }
    }

    @Test
    void bothWaysOfStoringAgreeOnTheDigest() {
        AttachmentStorage storage = storage(1 << 20);
        byte[] text = "plain words".getBytes(StandardCharsets.UTF_8);

        assertThat(storage.store(text)).isEqualTo(storage.store(new ByteArrayInputStream(text)));
    }

    @Test
    void contentOverTheLimitIsRefusedAndNothingIsKept() throws IOException {
        AttachmentStorage storage = storage(4);

        assertThatThrownBy(() -> storage.store(new byte[] {1, 2, 3, 4, 5}))
                .isInstanceOf(AttachmentTooLargeException.class);
        assertThat(Files.exists(dataDir.resolve("attachments"))
                        && Files.list(dataDir.resolve("attachments")).findAny().isPresent())
                .isFalse();
    }
}
