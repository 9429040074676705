package org.switchboard.channel.email.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.switchboard.channel.email.DeliveryReport;

/**
 * Recognises multipart/report messages: delivery status notifications (RFC 3464), message disposition
 * notifications (RFC 8098) and abuse feedback reports (RFC 5965), and finds the Message-ID of the message
 * they report on.
 */
final class DeliveryReports {

    private DeliveryReports() {}

    static @Nullable DeliveryReport find(MimeNode root, List<String> defects) {
        MimeNode report = findReport(root, 0);
        if (report == null) {
            return null;
        }
        MimeNode statusPart = null;
        DeliveryReport.Kind kind = null;
        MimeNode returned = null;
        for (MimeNode child : report.children) {
            switch (child.contentType) {
                case "message/delivery-status", "message/global-delivery-status" -> {
                    statusPart = child;
                    kind = DeliveryReport.Kind.DELIVERY_STATUS;
                }
                case "message/disposition-notification", "message/global-disposition-notification" -> {
                    statusPart = child;
                    kind = DeliveryReport.Kind.READ_RECEIPT;
                }
                case "message/feedback-report" -> {
                    statusPart = child;
                    kind = DeliveryReport.Kind.ABUSE_REPORT;
                }
                case "message/rfc822",
                        "text/rfc822-headers",
                        "message/rfc822-headers",
                        "message/global",
                        "message/global-headers" -> returned = child;
                default -> {}
            }
        }
        if (kind == null) {
            String type = reportType(report);
            kind = switch (type) {
                case "delivery-status" -> DeliveryReport.Kind.DELIVERY_STATUS;
                case "disposition-notification" -> DeliveryReport.Kind.READ_RECEIPT;
                case "feedback-report" -> DeliveryReport.Kind.ABUSE_REPORT;
                default -> null;
            };
            if (kind == null) {
                return null;
            }
            defects.add("multipart/report without its " + type + " part");
        }
        List<Map<String, String>> blocks =
                statusPart == null || statusPart.body == null ? List.of() : blocks(statusPart.body);
        String original = null;
        String disposition = null;
        List<DeliveryReport.Recipient> recipients = new ArrayList<>();
        if (!blocks.isEmpty()) {
            Map<String, String> first = blocks.getFirst();
            original = HeaderValues.messageId(first.get("original-message-id"));
            if (kind == DeliveryReport.Kind.READ_RECEIPT) {
                String d = first.get("disposition");
                if (d != null) {
                    // "manual-action/MDN-sent-manually; displayed/modifier": the type follows the semicolon.
                    int semi = d.indexOf(';');
                    String type = (semi >= 0 ? d.substring(semi + 1) : d).trim();
                    disposition = type.split("[\\s;/]")[0].toLowerCase(Locale.ROOT);
                }
            } else if (kind == DeliveryReport.Kind.ABUSE_REPORT) {
                String f = first.get("feedback-type");
                disposition = f == null ? null : f.trim().toLowerCase(Locale.ROOT);
            }
            if (kind == DeliveryReport.Kind.DELIVERY_STATUS) {
                for (Map<String, String> block : blocks) {
                    String rcpt = block.getOrDefault("final-recipient", block.get("original-recipient"));
                    String action = block.get("action");
                    if (rcpt == null || action == null) {
                        continue;
                    }
                    int semi = rcpt.indexOf(';');
                    String address = (semi >= 0 ? rcpt.substring(semi + 1) : rcpt).trim();
                    address = address.replace("<", "").replace(">", "");
                    recipients.add(new DeliveryReport.Recipient(
                            address.toLowerCase(Locale.ROOT),
                            action.trim().toLowerCase(Locale.ROOT),
                            trimToNull(block.get("status")),
                            trimToNull(block.get("diagnostic-code"))));
                }
            }
        }
        if (original == null && returned != null) {
            original = returnedMessageId(returned);
        }
        if (original == null) {
            original = HeaderValues.messageId(root.field("In-Reply-To"));
        }
        return new DeliveryReport(kind, original, recipients, disposition);
    }

    private static @Nullable MimeNode findReport(MimeNode node, int depth) {
        if ("multipart/report".equals(node.contentType)) {
            return node;
        }
        // A report forwarded inside a wrapper, or the top message's only multipart: look two levels down.
        if (depth >= 2) {
            return null;
        }
        for (MimeNode child : node.children) {
            if (child.message && depth > 0) {
                continue;
            }
            MimeNode found = findReport(child, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String reportType(MimeNode report) {
        String ct = report.field("Content-Type");
        if (ct == null) {
            return "";
        }
        String t = HeaderValues.structured(ct).param("report-type");
        return t == null ? "" : t.trim().toLowerCase(Locale.ROOT);
    }

    private static @Nullable String returnedMessageId(MimeNode returned) {
        // message/rfc822: mime4j parsed the returned message, its headers are on the inner message node.
        for (MimeNode child : returned.children) {
            if (child.message) {
                String id = HeaderValues.messageId(child.field("Message-ID"));
                if (id != null) {
                    return id;
                }
            }
        }
        if (returned.body != null) {
            List<Map<String, String>> blocks = blocks(returned.body);
            if (!blocks.isEmpty()) {
                return HeaderValues.messageId(blocks.getFirst().get("message-id"));
            }
        }
        return null;
    }

    /** Header-like blocks separated by blank lines; names lower-case, continuation lines joined. */
    static List<Map<String, String>> blocks(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replace("\r\n", "\n");
        List<Map<String, String>> blocks = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String lastName = null;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (!current.isEmpty()) {
                    blocks.add(current);
                    current = new LinkedHashMap<>();
                }
                lastName = null;
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && lastName != null) {
                current.merge(lastName, " " + line.trim(), String::concat);
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            lastName = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            current.putIfAbsent(lastName, line.substring(colon + 1).trim());
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        return blocks;
    }

    private static @Nullable String trimToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
