package org.switchboard.platform;

/** A well-formed request that conflicts with the current state of a record: HTTP 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
