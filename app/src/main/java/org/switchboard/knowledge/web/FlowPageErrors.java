package org.switchboard.knowledge.web;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RuleViolationException;

/**
 * The flow, feedback and help-flow pages answer an unknown flow or run with a 404 page and a refused
 * request with a 4xx page saying why, never a 500.
 */
@ControllerAdvice(
        assignableTypes = {FlowEditorPages.class, HelpFlowPages.class, KnowledgeReportPages.class, CaseAssistPage.class
        })
class FlowPageErrors {

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("errorKey", "knowledge.flows.error.notFound");
        return "knowledge/flows/error";
    }

    @ExceptionHandler(InvalidInputException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalid(InvalidInputException e, Model model) {
        return refused(e, model);
    }

    @ExceptionHandler(RuleViolationException.class)
    @ResponseStatus(HttpStatus.UNPROCESSABLE_CONTENT)
    String rule(RuleViolationException e, Model model) {
        return refused(e, model);
    }

    @ExceptionHandler(ConflictException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String conflict(ConflictException e, Model model) {
        return refused(e, model);
    }

    private static String refused(RuntimeException e, Model model) {
        model.addAttribute("errorKey", "knowledge.flows.error.refused");
        model.addAttribute("errorDetail", e.getMessage());
        return "knowledge/flows/error";
    }
}
