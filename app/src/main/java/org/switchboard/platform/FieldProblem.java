package org.switchboard.platform;

/** One invalid field of a request, as listed in the {@code errors} array of a problem response. */
public record FieldProblem(String field, String message) {}
