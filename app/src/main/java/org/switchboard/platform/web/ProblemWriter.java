package org.switchboard.platform.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.Problems;
import tools.jackson.databind.json.JsonMapper;

/** Writes a problem response from a servlet filter, where no controller advice applies. */
@Component
class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    void write(HttpServletResponse response, HttpStatus status, String type, String detail, List<FieldProblem> errors)
            throws IOException {
        var problem = Problems.of(status, type, detail, errors);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
