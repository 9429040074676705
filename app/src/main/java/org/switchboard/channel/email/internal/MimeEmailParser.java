package org.switchboard.channel.email.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.field.DateTimeFieldLenientImpl;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.jsoup.Jsoup;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.switchboard.channel.email.EmailAddress;
import org.switchboard.channel.email.EmailAttachment;
import org.switchboard.channel.email.EmailHeader;
import org.switchboard.channel.email.EmailParser;
import org.switchboard.channel.email.ParseLimits;
import org.switchboard.channel.email.ParseOutcome;
import org.switchboard.channel.email.ParsedEmail;

/**
 * The parser on Apache James mime4j's pull parser ({@link MimeTokenStream}): one pass over the bytes,
 * no recursion on the Java stack, so a deeply nested message cannot overflow it. Limits are applied while
 * streaming: beyond the depth or part limit mime4j is switched to flat mode for that entity, so the
 * remaining content is skipped at the cost of scanning it once.
 */
@Component
class MimeEmailParser implements EmailParser {

    private final ParseLimits configured;

    @Autowired
    MimeEmailParser(InboundEmailProperties properties) {
        this.configured = properties.limits().toParseLimits();
    }

    /** For tests and benchmarks without Spring. */
    static MimeEmailParser withLimits(ParseLimits limits) {
        return new MimeEmailParser(limits);
    }

    private MimeEmailParser(ParseLimits limits) {
        this.configured = limits;
    }

    @Override
    public ParseOutcome parse(byte[] raw) {
        return parse(raw, configured);
    }

    @Override
    public ParseOutcome parse(byte[] raw, ParseLimits limits) {
        List<String> defects = new ArrayList<>();
        if (raw.length == 0) {
            return new ParseOutcome.Unparseable("empty message", defects);
        }
        if (raw.length > limits.maxMessageBytes()) {
            return new ParseOutcome.Unparseable(
                    "message of " + raw.length + " bytes exceeds the limit of " + limits.maxMessageBytes(), defects);
        }
        int headerEnd = headerBlockEnd(raw);
        if (headerEnd > limits.maxHeaderBytes()) {
            return new ParseOutcome.Unparseable(
                    "header block of " + headerEnd + " bytes exceeds the limit of " + limits.maxHeaderBytes(), defects);
        }
        int start = 0;
        if (raw.length >= 3 && raw[0] == (byte) 0xEF && raw[1] == (byte) 0xBB && raw[2] == (byte) 0xBF) {
            start = 3;
            defects.add("byte order mark before the headers");
        }
        if (startsWith(raw, start, "From ")) {
            // An mbox separator line ahead of the headers.
            start = lineEnd(raw, start);
            defects.add("mbox 'From ' line before the headers");
        }
        if (!looksLikeHeader(raw, start)) {
            if (hasNul(raw, start, 1024)) {
                return new ParseOutcome.Unparseable(
                        "not an RFC 5322 message: binary data without header fields", defects);
            }
            defects.add("no header fields");
        }
        try {
            MimeNode root = readTree(raw, start, limits, defects, false);
            return new ParseOutcome.Parsed(toEmail(root, raw.length, limits, defects));
        } catch (MimeException | IOException | RuntimeException first) {
            // Second try: a malformed header line ends the header block instead of being skipped.
            List<String> retryDefects = new ArrayList<>(defects);
            retryDefects.add("malformed header: parsed again with the body starting at the bad line ("
                    + first.getClass().getSimpleName() + ")");
            try {
                MimeNode root = readTree(raw, start, limits, retryDefects, true);
                return new ParseOutcome.Parsed(toEmail(root, raw.length, limits, retryDefects));
            } catch (MimeException | IOException | RuntimeException e) {
                return new ParseOutcome.Unparseable(
                        "MIME structure unreadable: " + e.getClass().getSimpleName() + " " + e.getMessage(),
                        retryDefects);
            }
        }
    }

    /** The tree with decoded leaf bytes; package-private for the dataset checks. */
    MimeNode readTree(
            byte[] raw, int start, ParseLimits limits, List<String> defects, boolean malformedHeaderStartsBody)
            throws IOException, MimeException {
        MimeConfig config = new MimeConfig.Builder()
                .setMaxLineLen(-1)
                .setMaxHeaderCount(limits.maxHeaderFields())
                .setMaxHeaderLen(limits.maxHeaderBytes())
                .setMaxContentLen(-1)
                .setStrictParsing(false)
                .setMalformedHeaderStartsBody(malformedHeaderStartsBody)
                .build();
        DefectMonitor monitor = new DefectMonitor(defects);
        MimeTokenStream stream = new MimeTokenStream(config, monitor, null);
        stream.setRecursionMode(RecursionMode.M_RECURSE);
        stream.parse(new ByteArrayInputStream(raw, start, raw.length - start));

        Deque<MimeNode> stack = new ArrayDeque<>();
        Deque<Boolean> kept = new ArrayDeque<>();
        MimeNode root = null;
        int parts = 0;
        boolean depthDefect = false;
        boolean partsDefect = false;
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            switch (state) {
                case T_START_MESSAGE, T_START_BODYPART -> {
                    boolean message = state == EntityState.T_START_MESSAGE;
                    if (stack.isEmpty() && root == null) {
                        root = new MimeNode(true, 0);
                        stack.push(root);
                        kept.push(true);
                        parts++;
                        continue;
                    }
                    MimeNode parent = stack.peek();
                    boolean parentKept = kept.peek();
                    int depth = parent.depth + 1;
                    parts++;
                    boolean keep = parentKept;
                    if (keep && depth > limits.maxDepth()) {
                        keep = false;
                        if (!depthDefect) {
                            defects.add("nesting deeper than " + limits.maxDepth() + " levels skipped");
                            depthDefect = true;
                        }
                    }
                    if (keep && parts > limits.maxParts()) {
                        keep = false;
                        if (!partsDefect) {
                            defects.add("more than " + limits.maxParts() + " parts: the rest skipped");
                            partsDefect = true;
                        }
                    }
                    MimeNode node = new MimeNode(message, depth);
                    if (keep) {
                        parent.children.add(node);
                        node.path = message ? parent.path : childPath(parent);
                    } else {
                        parent.childrenSkipped = true;
                        // Skipped content is not parsed any deeper: bounded time whatever its structure.
                        stream.setRecursionMode(RecursionMode.M_FLAT);
                    }
                    stack.push(node);
                    kept.push(keep);
                }
                case T_FIELD -> {
                    Field field = stream.getField();
                    MimeNode node = stack.peek();
                    if (kept.peek() && node != null) {
                        node.fields.add(new String[] {field.getName().trim(), field.getBody()});
                    }
                }
                case T_END_HEADER -> {
                    MimeNode node = stack.peek();
                    if (kept.peek() && node != null) {
                        describe(node, stack, defects);
                    }
                }
                case T_START_MULTIPART -> {
                    MimeNode node = stack.peek();
                    if (node != null) {
                        node.multipart = true;
                    }
                }
                case T_BODY -> {
                    MimeNode node = stack.peek();
                    if (kept.peek() && node != null) {
                        node.body = readAll(stream.getDecodedInputStream());
                    }
                }
                case T_END_MESSAGE, T_END_BODYPART -> {
                    MimeNode node = stack.pop();
                    boolean wasKept = kept.pop();
                    if (!wasKept && (kept.isEmpty() || kept.peek())) {
                        stream.setRecursionMode(RecursionMode.M_RECURSE);
                    }
                    if (node.multipart && node.children.isEmpty() && wasKept && !node.childrenSkipped) {
                        defects.add("multipart without parts at " + label(node));
                    }
                }
                default -> {
                    // preamble, epilogue, multipart ends: nothing to keep
                }
            }
        }
        if (root == null) {
            throw new MimeException("no message");
        }
        return root;
    }

    private static String label(MimeNode node) {
        return node.path.isEmpty() ? "the message" : "part " + node.path;
    }

    private static String childPath(MimeNode parent) {
        int n = parent.children.size();
        return parent.path.isEmpty() ? Integer.toString(n) : parent.path + "." + n;
    }

    /** Reads Content-Type and friends; a part of multipart/digest defaults to message/rfc822. */
    private static void describe(MimeNode node, Deque<MimeNode> stack, List<String> defects) {
        String ct = node.field("Content-Type");
        if (ct != null) {
            HeaderValues.Structured s = HeaderValues.structured(ct);
            String type = s.value();
            if (MEDIA_TYPE.matcher(type).matches()) {
                node.contentType = type;
            } else {
                defects.add("unreadable Content-Type '" + ct.trim() + "' at " + label(node) + ": text/plain assumed");
            }
            node.charset = s.param("charset");
            node.boundary = s.param("boundary");
            node.filename = s.param("name");
            if (node.contentType.startsWith("multipart/") && node.boundary == null) {
                defects.add("multipart without boundary at " + label(node));
            }
        } else if (!node.message || stack.size() > 1) {
            MimeNode parent = parentOf(node, stack);
            if (parent != null && "multipart/digest".equals(parent.contentType)) {
                node.contentType = "message/rfc822";
            }
        }
        String cte = node.field("Content-Transfer-Encoding");
        if (cte != null) {
            node.transferEncoding = cte.trim().toLowerCase(Locale.ROOT);
            if (!Set.of("7bit", "8bit", "binary", "base64", "quoted-printable").contains(node.transferEncoding)) {
                defects.add("unknown Content-Transfer-Encoding '" + cte.trim() + "' at " + label(node));
            }
        }
        String cd = node.field("Content-Disposition");
        if (cd != null) {
            HeaderValues.Structured s = HeaderValues.structured(cd);
            node.disposition = s.value().isEmpty() ? null : s.value();
            String name = s.param("filename");
            if (name != null && !name.isBlank()) {
                node.filename = name;
            }
        }
        if (node.filename != null) {
            node.filename = HeaderValues.decode(node.filename);
        }
        String cid = node.field("Content-ID");
        if (cid != null) {
            String id = HeaderValues.messageId(cid);
            node.contentId = id != null ? id : HeaderValues.normalizeId(HeaderValues.unfold(cid));
        }
    }

    private static @Nullable MimeNode parentOf(MimeNode node, Deque<MimeNode> stack) {
        var it = stack.iterator();
        while (it.hasNext()) {
            if (it.next() == node) {
                return it.hasNext() ? it.next() : null;
            }
        }
        return null;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private ParsedEmail toEmail(MimeNode root, long size, ParseLimits limits, List<String> defects) {
        List<EmailHeader> headers = new ArrayList<>(root.fields.size());
        for (String[] f : root.fields) {
            headers.add(new EmailHeader(f[0], HeaderValues.decode(f[1])));
        }
        String messageIdRaw = root.field("Message-ID");
        String messageId = HeaderValues.messageId(messageIdRaw);
        if (messageIdRaw != null && messageId == null) {
            defects.add("unreadable Message-ID");
        }
        List<String> inReplyTo = HeaderValues.messageIds(root.field("In-Reply-To"));
        List<String> references = HeaderValues.messageIds(allValues(root, "References"));
        String subject = root.field("Subject") == null ? "" : HeaderValues.decode(root.field("Subject"));
        Instant date = parseDate(root.field("Date"), defects);

        // Bodies: the first text/plain and text/html leaves that are not attachments, outside attached
        // messages; everything else is an attachment.
        List<MimeNode> leaves = new ArrayList<>();
        bodyCandidates(root, false, leaves);
        MimeNode textNode = null;
        MimeNode htmlNode = null;
        for (MimeNode leaf : leaves) {
            if (leaf.isAttachmentDisposition() || leaf.body == null) {
                continue;
            }
            if (textNode == null && "text/plain".equals(leaf.contentType) && leaf.filename == null) {
                textNode = leaf;
            } else if (htmlNode == null && "text/html".equals(leaf.contentType)) {
                htmlNode = leaf;
            }
        }
        String html = null;
        if (htmlNode != null) {
            html = MailCharsets.decode(htmlNode.body, htmlNode.charset, defects, label(htmlNode));
            if (html.length() > limits.maxHtmlBytes()) {
                html = html.substring(0, limits.maxHtmlBytes());
                defects.add("HTML body cut at " + limits.maxHtmlBytes() + " characters");
            }
        }
        String text = null;
        if (textNode != null) {
            text = MailCharsets.decode(textNode.body, textNode.charset, defects, label(textNode));
        } else if (html != null) {
            text = Jsoup.parse(html).wholeText().strip();
        }
        Set<String> referencedCids = html == null ? Set.of() : cidsIn(html);
        List<MimeNode> all = new ArrayList<>();
        root.leaves(all);
        List<EmailAttachment> attachments = new ArrayList<>();
        for (MimeNode leaf : all) {
            if (leaf == textNode || leaf == htmlNode || leaf.body == null) {
                continue;
            }
            boolean inline = leaf.contentId != null && referencedCids.contains(leaf.contentId);
            attachments.add(new EmailAttachment(
                    leaf.path, filenameOf(leaf), leaf.contentType, leaf.contentId, inline, leaf.body));
        }
        if (attachments.size() > limits.maxAttachments()) {
            defects.add(attachments.size() + " attachments: the first " + limits.maxAttachments()
                    + " are on the case, all are in the original message");
            attachments = new ArrayList<>(attachments.subList(0, limits.maxAttachments()));
        }
        return new ParsedEmail(
                messageId,
                inReplyTo,
                references,
                subject,
                date,
                first(addresses(root, "From")),
                first(addresses(root, "Sender")),
                addresses(root, "Reply-To"),
                addresses(root, "To"),
                addresses(root, "Cc"),
                headers,
                text,
                html,
                attachments,
                root.toPart(),
                DeliveryReports.find(root, defects),
                defects,
                size);
    }

    private static void bodyCandidates(MimeNode node, boolean insideAttachedMessage, List<MimeNode> into) {
        if (node.isLeaf()) {
            if (!insideAttachedMessage) {
                into.add(node);
            }
            return;
        }
        for (MimeNode child : node.children) {
            bodyCandidates(child, insideAttachedMessage || child.message, into);
        }
    }

    private static Set<String> cidsIn(String html) {
        Set<String> cids = new HashSet<>();
        String lower = html.toLowerCase(Locale.ROOT);
        int i = 0;
        while ((i = lower.indexOf("cid:", i)) >= 0) {
            int end = i + 4;
            while (end < html.length() && "\"' >)".indexOf(html.charAt(end)) < 0) {
                end++;
            }
            cids.add(html.substring(i + 4, end));
            i = end;
        }
        return cids;
    }

    private static String filenameOf(MimeNode leaf) {
        if (leaf.filename != null && !leaf.filename.isBlank()) {
            // Never trust a path in a file name.
            String name = leaf.filename.replace('\\', '/');
            name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\x00-\\x1f]", "");
            if (!name.isBlank()) {
                return name;
            }
        }
        String path = leaf.path.isEmpty() ? "1" : leaf.path;
        return "part-" + path + extensionOf(leaf.contentType);
    }

    private static String extensionOf(String type) {
        return switch (type) {
            case "text/plain" -> ".txt";
            case "text/html" -> ".html";
            case "image/png" -> ".png";
            case "image/jpeg" -> ".jpg";
            case "image/gif" -> ".gif";
            case "application/pdf" -> ".pdf";
            case "message/rfc822" -> ".eml";
            default -> ".bin";
        };
    }

    private static @Nullable String allValues(MimeNode node, String name) {
        StringBuilder sb = null;
        for (String[] f : node.fields) {
            if (f[0].equalsIgnoreCase(name)) {
                sb = sb == null ? new StringBuilder(f[1]) : sb.append(' ').append(f[1]);
            }
        }
        return sb == null ? null : sb.toString();
    }

    static List<EmailAddress> addresses(MimeNode node, String name) {
        String raw = allValues(node, name);
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        String value = HeaderValues.repairUtf8(HeaderValues.unfold(raw));
        LinkedHashSet<EmailAddress> out = new LinkedHashSet<>();
        try {
            MailboxList list =
                    LenientAddressParser.DEFAULT.parseAddressList(value).flatten();
            for (Mailbox mb : list) {
                if (mb.getLocalPart() == null || mb.getLocalPart().isBlank()) {
                    continue;
                }
                String name0 = mb.getName();
                if (name0 != null && name0.contains("=?")) {
                    name0 = HeaderValues.decode(name0);
                }
                out.add(new EmailAddress(mb.getAddress(), name0));
            }
        } catch (RuntimeException e) {
            // fall through to the bare-address scan below
        }
        if (out.isEmpty()) {
            var m = BARE_ADDRESS.matcher(value);
            while (m.find()) {
                out.add(EmailAddress.of(m.group()));
            }
        }
        return List.copyOf(out);
    }

    private static @Nullable EmailAddress first(List<EmailAddress> list) {
        return list.isEmpty() ? null : list.getFirst();
    }

    private static final Pattern MEDIA_TYPE = Pattern.compile("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+");
    private static final Pattern BARE_ADDRESS = Pattern.compile("[^\\s<>\"(),;:]+@[^\\s<>\"(),;:]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s*\\([^)]*\\)\\s*$");

    private static @Nullable Instant parseDate(@Nullable String raw, List<String> defects) {
        if (raw == null) {
            return null;
        }
        String value = SPACES.matcher(HeaderValues.unfold(raw).trim()).replaceAll(" ");
        // Drop a trailing comment such as "(PST)"; the formatter wants none.
        value = TRAILING_COMMENT.matcher(value).replaceAll("");
        try {
            return ZonedDateTime.parse(value, DateTimeFieldLenientImpl.RFC_5322).toInstant();
        } catch (RuntimeException e) {
            defects.add("unreadable Date '" + raw.trim() + "'");
            return null;
        }
    }

    private static int headerBlockEnd(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                if (i + 1 < raw.length && raw[i + 1] == '\n') {
                    return i;
                }
                if (i + 2 < raw.length && raw[i + 1] == '\r' && raw[i + 2] == '\n') {
                    return i;
                }
            }
        }
        return raw.length;
    }

    private static boolean startsWith(byte[] raw, int start, String prefix) {
        if (raw.length - start < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (raw[start + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasNul(byte[] raw, int start, int window) {
        for (int i = start; i < Math.min(raw.length, start + window); i++) {
            if (raw[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static int lineEnd(byte[] raw, int from) {
        for (int i = from; i < raw.length; i++) {
            if (raw[i] == '\n') {
                return i + 1;
            }
        }
        return raw.length;
    }

    /** A header field name (printable ASCII without colon) followed by a colon on the first line. */
    private static boolean looksLikeHeader(byte[] raw, int start) {
        int i = start;
        while (i < raw.length && i - start < 1000) {
            byte b = raw[i];
            if (b == ':') {
                return i > start;
            }
            if (b < 33 || b > 126) {
                // Tolerate a blank before the colon ("Subject : x"), nothing else.
                if (b == ' ' || b == '\t') {
                    int j = i;
                    while (j < raw.length && (raw[j] == ' ' || raw[j] == '\t')) {
                        j++;
                    }
                    return j < raw.length && raw[j] == ':' && i > start;
                }
                return false;
            }
            i++;
        }
        return false;
    }

    /** Collects mime4j's warnings as defects, each kind once. */
    private static final class DefectMonitor extends DecodeMonitor {
        private final List<String> defects;
        private final Set<String> seen = new HashSet<>();

        DefectMonitor(List<String> defects) {
            this.defects = defects;
        }

        @Override
        public boolean warn(String error, String dummy) {
            if (seen.add(error) && seen.size() < 50) {
                defects.add(error);
            }
            return false;
        }

        @Override
        public boolean isListening() {
            return true;
        }
    }
}
