package org.switchboard.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.identity.Actors;
import org.switchboard.identity.internal.ApiTokens;
import org.switchboard.identity.internal.ProfileRules;
import org.switchboard.identity.internal.UserAccounts;
import org.switchboard.identity.internal.UserStore;
import org.switchboard.platform.InvalidInputException;

/** The signed-in user's own settings: UI language, time zone and API tokens. */
@Controller
class MePages {

    private final UserStore users;
    private final UserAccounts accounts;
    private final ApiTokens tokens;

    MePages(UserStore users, UserAccounts accounts, ApiTokens tokens) {
        this.users = users;
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @GetMapping("/me")
    String me(Model model) {
        model.addAttribute("me", users.view(Actors.current().id()).orElseThrow());
        model.addAttribute("locales", ProfileRules.LOCALES);
        model.addAttribute("zones", TimeZones.ALL);
        return "identity/me";
    }

    @PostMapping("/me")
    String save(@RequestParam String locale, @RequestParam String timeZone, Model model, RedirectAttributes redirect) {
        try {
            accounts.updatePreferences(Actors.current().id(), locale, timeZone, Actors.current());
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            return me(model);
        }
        redirect.addFlashAttribute("flash", "identity.flash.saved");
        return "redirect:/me";
    }

    @PostMapping("/me/password")
    String changePassword(
            @RequestParam(defaultValue = "") String current,
            @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirm,
            Model model,
            RedirectAttributes redirect) {
        String problem;
        try {
            ProfileRules.password(password, "password");
            problem = !password.equals(confirm)
                    ? "identity.password.mismatch"
                    : accounts.changePassword(Actors.current(), current, password)
                            ? null
                            : "identity.me.wrong_password";
        } catch (InvalidInputException e) {
            problem = "identity.password.rules";
        }
        if (problem != null) {
            model.addAttribute("passwordError", problem);
            return me(model);
        }
        redirect.addFlashAttribute("flash", "identity.me.password_changed");
        return "redirect:/me";
    }

    @GetMapping("/me/tokens")
    String tokens(Model model) {
        model.addAttribute("tokens", tokens.list(Actors.current().id()));
        return "identity/tokens";
    }

    /** Shows the new token on the answer page itself (never stored in the session). */
    @PostMapping("/me/tokens")
    String create(@RequestParam(defaultValue = "") String name, Model model) {
        try {
            model.addAttribute("created", tokens.create(Actors.current(), name));
        } catch (InvalidInputException e) {
            model.addAttribute("error", "identity.tokens.name_required");
        }
        return tokens(model);
    }

    @PostMapping("/me/tokens/{id}/revoke")
    String revoke(@PathVariable String id, RedirectAttributes redirect) {
        tokens.revoke(Actors.current(), id);
        redirect.addFlashAttribute("flash", "identity.tokens.revoked");
        return "redirect:/me/tokens";
    }
}
