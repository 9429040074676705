package org.switchboard.identity.web;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.switchboard.identity.internal.Invitations;
import org.switchboard.identity.internal.PasswordResets;
import org.switchboard.identity.internal.ProfileRules;
import org.switchboard.platform.InvalidInputException;

/**
 * Public pages reached by link: accepting an invitation ({@code /invite/{token}}) and resetting a
 * forgotten password ({@code /password-reset}). Links are single-use and expire.
 */
@Controller
class AccountLinkPages {

    private final Invitations invitations;
    private final PasswordResets resets;
    private final PublicUrl publicUrl;

    AccountLinkPages(Invitations invitations, PasswordResets resets, PublicUrl publicUrl) {
        this.invitations = invitations;
        this.resets = resets;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/invite/{token}")
    ModelAndView invitation(@PathVariable String token) {
        var username = invitations.usernameFor(token);
        if (username.isEmpty()) {
            return invalid("identity.invite.invalid");
        }
        return new ModelAndView("identity/set-password")
                .addObject("mode", "invite")
                .addObject("username", username.get());
    }

    @PostMapping("/invite/{token}")
    ModelAndView acceptInvitation(
            @PathVariable String token, @RequestParam String password, @RequestParam String confirm) {
        var username = invitations.usernameFor(token);
        if (username.isEmpty()) {
            return invalid("identity.invite.invalid");
        }
        String problem = problem(password, confirm);
        if (problem != null) {
            return new ModelAndView("identity/set-password", HttpStatus.BAD_REQUEST)
                    .addObject("mode", "invite")
                    .addObject("username", username.get())
                    .addObject("error", problem);
        }
        return invitations.accept(token, password).isPresent()
                ? new ModelAndView("redirect:/login?invited")
                : invalid("identity.invite.invalid");
    }

    @GetMapping("/password-reset")
    String resetRequestForm() {
        return "identity/reset-request";
    }

    /** Always the same answer, whether or not an account matches. */
    @PostMapping("/password-reset")
    String requestReset(@RequestParam(defaultValue = "") String account, Model model) {
        resets.request(account, publicUrl.base());
        model.addAttribute("sent", true);
        return "identity/reset-request";
    }

    @GetMapping("/password-reset/{token}")
    ModelAndView resetForm(@PathVariable String token) {
        if (!resets.valid(token)) {
            return invalid("identity.reset.invalid");
        }
        return new ModelAndView("identity/set-password").addObject("mode", "reset");
    }

    @PostMapping("/password-reset/{token}")
    ModelAndView reset(@PathVariable String token, @RequestParam String password, @RequestParam String confirm) {
        if (!resets.valid(token)) {
            return invalid("identity.reset.invalid");
        }
        String problem = problem(password, confirm);
        if (problem != null) {
            return new ModelAndView("identity/set-password", HttpStatus.BAD_REQUEST)
                    .addObject("mode", "reset")
                    .addObject("error", problem);
        }
        return resets.reset(token, password).isPresent()
                ? new ModelAndView("redirect:/login?reset")
                : invalid("identity.reset.invalid");
    }

    private static String problem(String password, String confirm) {
        try {
            ProfileRules.password(password, "password");
        } catch (InvalidInputException e) {
            return "identity.password.rules";
        }
        return password.equals(confirm) ? null : "identity.password.mismatch";
    }

    private static ModelAndView invalid(String message) {
        return new ModelAndView("identity/link-invalid", HttpStatus.GONE).addObject("message", message);
    }
}
