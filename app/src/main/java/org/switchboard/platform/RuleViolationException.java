package org.switchboard.platform;

/** A well-formed request that a business rule refuses: HTTP 422. */
public class RuleViolationException extends RuntimeException {
    public RuleViolationException(String message) {
        super(message);
    }
}
