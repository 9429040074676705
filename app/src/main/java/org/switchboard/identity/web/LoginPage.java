package org.switchboard.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.switchboard.identity.Actors;

/** The login form (posted to Spring Security's {@code POST /login}). */
@Controller
class LoginPage {

    @GetMapping("/login")
    String login() {
        return Actors.currentIfAny().isPresent() ? "redirect:/" : "login";
    }
}
