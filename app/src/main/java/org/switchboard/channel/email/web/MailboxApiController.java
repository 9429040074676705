package org.switchboard.channel.email.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.channel.email.mailbox.EmailChannelProperties;
import org.switchboard.channel.email.mailbox.MailSessions;
import org.switchboard.channel.email.mailbox.Mailbox;
import org.switchboard.channel.email.mailbox.MailboxDraft;
import org.switchboard.channel.email.mailbox.Mailboxes;
import org.switchboard.platform.ETags;
import org.switchboard.platform.JsonBody;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/channels/email/mailboxes}: create, list, read, change, delete and test mailboxes.
 * Admins only. Passwords and tokens are write-only: responses say whether one is set, never what it is.
 * {@code {id}} is a mailbox's id, name or address.
 */
@RestController
@RequestMapping("/api/v1/channels/email/mailboxes")
@PreAuthorize("hasRole('ADMIN')")
class MailboxApiController {

    private final Mailboxes mailboxes;
    private final MailSessions sessions;
    private final QueueDirectory queues;
    private final EmailChannelProperties properties;

    MailboxApiController(
            Mailboxes mailboxes, MailSessions sessions, QueueDirectory queues, EmailChannelProperties properties) {
        this.mailboxes = mailboxes;
        this.sessions = sessions;
        this.queues = queues;
        this.properties = properties;
    }

    @GetMapping
    Map<String, List<MailboxJson>> list() {
        return Map.of("items", mailboxes.list().stream().map(this::json).toList());
    }

    @GetMapping("/{id}")
    ResponseEntity<MailboxJson> get(@PathVariable String id) {
        Mailbox mailbox = mailboxes.get(id);
        return ResponseEntity.ok().eTag(ETags.of(mailbox.version())).body(json(mailbox));
    }

    @PostMapping
    ResponseEntity<MailboxJson> create(@RequestBody JsonNode json) {
        MailboxDraft draft = draft(JsonBody.of(json), false);
        Mailbox mailbox = mailboxes.create(draft);
        return ResponseEntity.created(URI.create("/api/v1/channels/email/mailboxes/" + mailbox.id()))
                .eTag(ETags.of(mailbox.version()))
                .body(json(mailbox));
    }

    @PatchMapping("/{id}")
    ResponseEntity<MailboxJson> patch(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody JsonNode json) {
        return update(id, ifMatch, json);
    }

    @PutMapping("/{id}")
    ResponseEntity<MailboxJson> put(
            @PathVariable String id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestBody JsonNode json) {
        return update(id, ifMatch, json);
    }

    private ResponseEntity<MailboxJson> update(String id, @Nullable String ifMatch, JsonNode json) {
        MailboxDraft draft = draft(JsonBody.of(json), true);
        Mailbox mailbox = mailboxes.update(id, draft, ETags.expectedVersion(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(mailbox.version())).body(json(mailbox));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        mailboxes.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Connects to both servers with the stored settings and reports what worked. */
    @PostMapping("/{id}/test")
    MailSessions.ConnectionTest test(@PathVariable String id) {
        return sessions.test(mailboxes.get(id));
    }

    /** The draft from a body; absent fields stay null (an update keeps them). */
    static MailboxDraft draft(JsonBody body, boolean update) {
        MailboxDraft.ServerDraft imap = server(body.object("imap"), true);
        MailboxDraft.ServerDraft smtp = server(body.object("smtp"), false);
        String folder = null;
        JsonBody imapBody = body.object("imap");
        if (imapBody != null) {
            folder = imapBody.string("folder");
        }
        List<MailboxDraft.AliasDraft> aliases = null;
        if (body.has("aliases")) {
            aliases = new ArrayList<>();
            for (JsonBody alias : body.objects("aliases")) {
                aliases.add(new MailboxDraft.AliasDraft(alias.string("address"), alias.string("queue")));
            }
        }
        MailboxDraft draft = new MailboxDraft(
                body.string("name"),
                body.string("address"),
                body.string("queue"),
                imap,
                folder,
                body.string("afterImport"),
                body.string("moveToFolder"),
                smtp,
                aliases,
                body.bool("active"));
        body.check();
        return draft;
    }

    private static MailboxDraft.@Nullable ServerDraft server(@Nullable JsonBody server, boolean imap) {
        if (server == null) {
            return null;
        }
        return new MailboxDraft.ServerDraft(
                server.string("host"),
                server.integer("port"),
                server.string("security"),
                server.string("username"),
                server.string("password"),
                server.string("auth"));
    }

    MailboxJson json(Mailbox m) {
        return MailboxJson.of(
                m, queues, mailboxes.health(m.id(), properties.fetch().alertAfterFailures()));
    }
}
