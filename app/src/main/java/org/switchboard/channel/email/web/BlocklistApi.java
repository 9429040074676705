package org.switchboard.channel.email.web;

import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.channel.email.BlockedSender;
import org.switchboard.channel.email.EmailBlocklist;
import org.switchboard.identity.Actors;
import org.switchboard.platform.Ids;

/** The sender blocklist for administrators. */
@RestController
@RequestMapping("/api/v1/channels/email/blocklist")
@PreAuthorize("hasRole('ADMIN')")
class BlocklistApi {

    private final EmailBlocklist blocklist;

    BlocklistApi(EmailBlocklist blocklist) {
        this.blocklist = blocklist;
    }

    record BlocklistBody(@Nullable String pattern, @Nullable String note) {}

    record Blocklist(List<BlockedSender> items) {}

    @GetMapping
    Blocklist list() {
        return new Blocklist(blocklist.list());
    }

    @PostMapping
    ResponseEntity<BlockedSender> add(@RequestBody BlocklistBody body) {
        BlockedSender entry =
                blocklist.add(body.pattern() == null ? "" : body.pattern(), body.note(), Actors.current());
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(URI.create("/api/v1/channels/email/blocklist/" + entry.id()))
                .body(entry);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> remove(@PathVariable String id) {
        blocklist.remove(Ids.parse(id, "blocklist entry"), Actors.current());
        return ResponseEntity.noContent().build();
    }
}
