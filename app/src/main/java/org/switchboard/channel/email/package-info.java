/**
 * The email channel: IMAP/SMTP mailboxes, ingestion that loses and duplicates nothing, MIME parsing,
 * threading, loop and bounce protection and outbound replies. Depends on {@code cases}, {@code customer},
 * {@code identity}, {@code routing} and {@code platform}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Email channel")
@org.jspecify.annotations.NullMarked
package org.switchboard.channel.email;
