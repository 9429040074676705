package org.switchboard.platform;

import java.util.List;

/** The request is malformed or a field value is invalid: HTTP 400 naming the fields. */
public class InvalidInputException extends RuntimeException {
    private final List<FieldProblem> problems;

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public InvalidInputException(List<FieldProblem> problems) {
        super(
                problems.isEmpty()
                        ? "Invalid input"
                        : problems.getFirst().field() + ": "
                                + problems.getFirst().message());
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
