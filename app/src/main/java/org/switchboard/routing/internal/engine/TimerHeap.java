package org.switchboard.routing.internal.engine;

/** The engine's deadlines, earliest first (ties in scheduling order). */
final class TimerHeap extends IndexedHeap<RoutingEngine.Timer> {

    TimerHeap() {
        super(RoutingEngine.Timer::compareTo);
    }
}
