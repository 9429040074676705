package org.switchboard.knowledge.web;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/** The knowledge pages answer an unknown record with a 404 page and bad input with a 400 page naming it. */
@ControllerAdvice(assignableTypes = {KnowledgePages.class, HelpCenterPages.class, KnowledgeEditorsPage.class})
class KnowledgePageErrors {

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("errorKey", "knowledge.error.notFound");
        return "knowledge/error";
    }

    @ExceptionHandler(InvalidInputException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalid(InvalidInputException e, Model model) {
        model.addAttribute("errorKey", "knowledge.error.invalid");
        model.addAttribute("errorDetail", e.getMessage());
        return "knowledge/error";
    }
}
