package org.switchboard.desk.web;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/** Desk pages answer an unknown (or invisible) record with a 404 page and bad input with a 400 page. */
@ControllerAdvice(basePackageClasses = DeskErrorAdvice.class)
class DeskErrorAdvice {

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        model.addAttribute("errorKey", "desk.error.notFound");
        return "desk/error";
    }

    @ExceptionHandler(InvalidInputException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalid(InvalidInputException e, Model model) {
        model.addAttribute("errorKey", "desk.error.invalid");
        model.addAttribute("errorDetail", e.getMessage());
        return "desk/error";
    }
}
