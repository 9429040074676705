package org.switchboard.routing.internal.engine;

/** Where an item the engine holds is. Completed and cancelled items are forgotten by the engine. */
public enum ItemState {
    WAITING,
    OFFERED,
    ASSIGNED
}
