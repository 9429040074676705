package org.switchboard.identity.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/** Errors of this module's pages: an unknown record is a 404 page, a bad parameter a 400 page. */
@ControllerAdvice(assignableTypes = {AdminUserPages.class, AdminTeamPages.class, AdminAuditPage.class, MePages.class})
class PageErrors {

    @ExceptionHandler(NotFoundException.class)
    ModelAndView notFound(NotFoundException e) {
        return new ModelAndView("identity/error", HttpStatus.NOT_FOUND)
                .addObject("message", "identity.error.not_found");
    }

    @ExceptionHandler(InvalidInputException.class)
    ModelAndView invalid(InvalidInputException e) {
        return new ModelAndView("identity/error", HttpStatus.BAD_REQUEST)
                .addObject("message", "identity.error.invalid");
    }
}
