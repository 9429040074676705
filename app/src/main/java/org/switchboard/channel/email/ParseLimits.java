package org.switchboard.channel.email;

/**
 * Bounds that keep a hostile message from costing unbounded time or memory. A message beyond one of them
 * is quarantined (size, header) or parsed up to the bound with a defect recorded (parts, depth, line).
 *
 * @param maxMessageBytes largest raw message accepted at all
 * @param maxHeaderBytes largest top-level header block
 * @param maxHeaderFields most header fields per part
 * @param maxParts most MIME parts (every node counts); later parts are skipped with a defect
 * @param maxDepth deepest nesting of multiparts and message/rfc822; deeper content is kept as an opaque
 *     part with a defect
 * @param maxHtmlBytes largest HTML body kept for sanitizing; a longer one is cut with a defect
 * @param maxAttachments most attachments taken onto the case; the rest stay in the raw message (kept and
 *     downloadable), with a defect
 */
public record ParseLimits(
        long maxMessageBytes,
        int maxHeaderBytes,
        int maxHeaderFields,
        int maxParts,
        int maxDepth,
        int maxHtmlBytes,
        int maxAttachments) {

    /** The defaults: 50 MB, 1 MB of header, 1,000 fields, 2,000 parts, depth 20, 2 MB of HTML, 100 attachments. */
    public static final ParseLimits DEFAULT = new ParseLimits(50L << 20, 1 << 20, 1000, 2000, 20, 2 << 20, 100);
}
