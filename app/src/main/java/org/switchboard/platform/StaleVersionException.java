package org.switchboard.platform;

/** An update carried a version ({@code If-Match}) that is no longer current: HTTP 412. */
public class StaleVersionException extends RuntimeException {
    public StaleVersionException(String what, Object id, long current) {
        super("The " + what + " " + id + " was changed meanwhile; its current version is " + current);
    }
}
