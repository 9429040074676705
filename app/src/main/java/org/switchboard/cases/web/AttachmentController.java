package org.switchboard.cases.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.cases.AttachmentId;
import org.switchboard.cases.Cases;
import org.switchboard.cases.StoredAttachment;
import org.switchboard.identity.Actors;

/**
 * Downloads always as a file ({@code Content-Disposition: attachment}) with the sniffed type and
 * {@code nosniff}, so an uploaded HTML or script is never rendered by the browser in our origin.
 */
@RestController
class AttachmentController {

    private final Cases cases;

    AttachmentController(Cases cases) {
        this.cases = cases;
    }

    @GetMapping("/api/v1/attachments/{id}")
    ResponseEntity<InputStreamResource> download(@PathVariable String id) throws IOException {
        StoredAttachment stored = cases.attachment(AttachmentId.parse(id), Actors.current());
        var attachment = stored.attachment();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(attachment.contentType()))
                .contentLength(attachment.size())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(attachment.filename(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=3600")
                .eTag("\"" + attachment.sha256() + "\"")
                .body(new InputStreamResource(stored.content().open()));
    }
}
