package org.switchboard.platform;

/** A record named by a path does not exist (or is invisible to the caller): HTTP 404. */
public class NotFoundException extends RuntimeException {
    private final String what;

    public NotFoundException(String what, Object id) {
        super("No " + what + " with id " + id);
        this.what = what;
    }

    public String what() {
        return what;
    }
}
