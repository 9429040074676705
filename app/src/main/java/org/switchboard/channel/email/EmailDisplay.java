package org.switchboard.channel.email;

import java.util.Map;

/** How an email body is shown to agents: quotes and signatures folded away, HTML sanitized. */
public interface EmailDisplay {

    /**
     * Splits plain text at the first quoted reply ({@code >} lines, "On … wrote:", Outlook's "-----Original
     * Message-----" / "From: … Sent: …" block, localized variants) or signature ({@code "-- "}, "Sent from
     * my …"). Best effort; never loses text.
     */
    QuoteSplit splitText(String text);

    /**
     * Splits email HTML at the first quote container (Gmail's {@code gmail_quote}, Outlook's {@code
     * divRplyFwdMsg}, {@code <blockquote type="cite">}, Apple Mail, Thunderbird's {@code moz-cite-prefix})
     * or signature ({@code gmail_signature}, {@code moz-signature}) and sanitizes both halves as {@link
     * #sanitize} does (the markers are found before sanitizing removes classes and ids).
     */
    QuoteSplit splitHtml(String html, Map<String, String> cidUrls, boolean allowRemoteImages);

    /**
     * Sanitizes email HTML with the OWASP HTML sanitizer: formatting, blocks, tables, lists, links (with
     * {@code rel="nofollow noopener noreferrer"}, opening in a new tab) and images survive; scripts,
     * styles, forms, frames and event handlers do not. {@code cid:} images are rewritten to {@code
     * cidUrls} (Content-ID → URL; an unknown cid is dropped); remote images are kept only when {@code
     * allowRemoteImages}, else replaced by a placeholder carrying the address in {@code
     * data-remote-src}. Bounded: input beyond the configured HTML limit is cut.
     */
    SafeHtml sanitize(String html, Map<String, String> cidUrls, boolean allowRemoteImages);
}
