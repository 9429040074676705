package org.switchboard.routing.internal.engine;

/**
 * How strictly the engine blends channels and how many offers an agent holds at once.
 *
 * @param voiceNeedsIdleAgent true: a voice offer needs an agent without any work, and an agent on a call
 *     gets nothing new (the simulator's contact-center model); false: a voice offer needs only a free voice
 *     slot, and an agent on a call may still take chats and emails up to those capacities (the live
 *     service's rule, where voice work excludes only other voice work)
 * @param oneOfferAtATime true: an agent holding an open offer gets no other until it is answered (a
 *     desktop shows one offer with its countdown); false: offers up to the free capacity at once
 */
public record OfferRules(boolean voiceNeedsIdleAgent, boolean oneOfferAtATime) {

    /** The engine's default: strict voice, several offers at once. */
    public static final OfferRules ENGINE = new OfferRules(true, false);

    /** The live service: voice excludes only voice work, one offer at a time per agent. */
    public static final OfferRules LIVE_DESK = new OfferRules(false, true);
}
