/**
 * The customer channels. Each channel is its own module below this package ({@code channel.email}, …):
 * it speaks its protocol and hands contacts to {@code cases} and {@code routing} through their APIs.
 */
@org.jspecify.annotations.NullMarked
package org.switchboard.channel;
