package org.switchboard.channel.email.web;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.AttachmentView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.MessageId;
import org.switchboard.cases.MessageView;
import org.switchboard.channel.email.EmailAttachment;
import org.switchboard.channel.email.EmailDisplay;
import org.switchboard.channel.email.EmailParser;
import org.switchboard.channel.email.ParseOutcome;
import org.switchboard.channel.email.ParsedEmail;
import org.switchboard.channel.email.QuoteSplit;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;

/**
 * The HTML of an inbound email as the case page shows it. Cases keeps a copy sanitized for every channel
 * (no images); this one is made from the raw message we stored, through the email display's OWASP policy
 * alone: {@code cid:} images point to the case's stored attachments (served to signed-in users who may
 * see the case, never fetched from elsewhere), remote images stay blocked until an agent shows them for
 * that message (remembered and audited), and the quoted part is folded away.
 */
@Component
class EmailBodies {

    private final JdbcClient jdbc;
    private final Cases cases;
    private final EmailParser parser;
    private final EmailDisplay display;
    private final AuditLog audit;
    private final Clock clock;

    EmailBodies(JdbcClient jdbc, Cases cases, EmailParser parser, EmailDisplay display, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.parser = parser;
        this.display = display;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @param blockedRemoteImages remote images held back (0 once shown)
     * @param remoteImagesShown whether an agent chose to show this message's remote images
     */
    record Body(MessageView message, QuoteSplit split, int blockedRemoteImages, boolean remoteImagesShown) {}

    /** The message's email HTML; empty when it is no inbound email with HTML (the case page keeps its own). */
    @Transactional(readOnly = true)
    Optional<Body> body(MessageId id, Actor actor, String contextPath) {
        MessageView message = cases.message(id, actor); // 404 unless the actor may see the case
        Optional<byte[]> raw =
                jdbc.sql("""
                        select raw from email_inbound where case_message_id = ? and status = 'ingested'
                        order by fetched_at limit 1""").param(id.value()).query(byte[].class).optional();
        if (raw.isEmpty() || !(parser.parse(raw.get()) instanceof ParseOutcome.Parsed parsed)) {
            return Optional.empty();
        }
        ParsedEmail email = parsed.email();
        if (email.html() == null || email.html().isBlank()) {
            return Optional.empty();
        }
        boolean shown = jdbc.sql("select count(*) from email_remote_images_allowed where case_message_id = ?")
                        .param(id.value())
                        .query(Long.class)
                        .single()
                > 0;
        QuoteSplit split = display.splitHtml(email.html(), cidUrls(email, message, contextPath), shown);
        int blocked = count(split.visible(), "data-remote-src") + count(split.quoted(), "data-remote-src");
        return Optional.of(new Body(message, split, blocked, shown));
    }

    /** An agent shows the message's remote images: remembered for the message, audited. */
    @Transactional
    void showRemoteImages(MessageId id, Actor actor) {
        MessageView message = cases.message(id, actor);
        int added = jdbc.sql("""
                        insert into email_remote_images_allowed (case_message_id, allowed_by, allowed_at)
                        values (?, ?, ?) on conflict do nothing""")
                .params(id.value(), actor.id().value(), Timestamp.from(clock.instant()))
                .update();
        if (added > 0) {
            audit.record(
                    actor,
                    "email.remote_images.shown",
                    "case_message",
                    id.toString(),
                    Map.of("case", message.caseId().toString()));
        }
    }

    /**
     * Content-ID → the URL of the case attachment stored from that part. Cases stores a file once per
     * SHA-256 and keeps no Content-ID, so the part is found by its digest among the message's attachments.
     */
    private static Map<String, String> cidUrls(ParsedEmail email, MessageView message, String contextPath) {
        Map<String, String> bySha = new HashMap<>();
        for (AttachmentView a : message.attachments()) {
            bySha.put(a.sha256(), contextPath + "/cases/" + message.caseId() + "/attachments/" + a.id());
        }
        Map<String, String> urls = new HashMap<>();
        for (EmailAttachment part : email.attachments()) {
            if (part.contentId() != null && part.size() > 0) {
                String url = bySha.get(sha256(part.content()));
                if (url != null) {
                    urls.put(part.contentId(), url);
                }
            }
        }
        return urls;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(String html, String needle) {
        int n = 0;
        for (int i = html.indexOf(needle); i >= 0; i = html.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }
}
