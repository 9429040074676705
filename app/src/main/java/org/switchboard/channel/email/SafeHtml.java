package org.switchboard.channel.email;

/**
 * Email HTML made safe to put into a page.
 *
 * @param html the sanitized HTML
 * @param blockedRemoteImages how many remote images were replaced by a placeholder (the agent may allow
 *     them, which sanitizes again with remote images on)
 */
public record SafeHtml(String html, int blockedRemoteImages) {}
