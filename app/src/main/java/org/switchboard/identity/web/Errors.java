package org.switchboard.identity.web;

import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RuleViolationException;
import org.switchboard.platform.StaleVersionException;

/** The message a form shows for a refused change; anything unexpected is rethrown. */
final class Errors {

    private Errors() {}

    static String message(RuntimeException e) {
        if (e instanceof InvalidInputException
                || e instanceof ConflictException
                || e instanceof RuleViolationException
                || e instanceof StaleVersionException) {
            return e.getMessage();
        }
        throw e;
    }
}
