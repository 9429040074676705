package org.switchboard.identity.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.identity.Actors;
import org.switchboard.identity.internal.ProfileRules;
import org.switchboard.identity.internal.SkillCatalog;
import org.switchboard.identity.internal.TeamDirectory;
import org.switchboard.identity.internal.UserAccounts;
import org.switchboard.identity.internal.UserInput;
import org.switchboard.identity.internal.UserStore;
import org.switchboard.identity.internal.UserView;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.NotFoundException;

/**
 * Admin pages for users: list and invite, edit role and agent profile, deactivate; and the skill
 * catalog. When no mail server is configured, the invitation link is shown to the admin to hand over.
 */
@Controller
class AdminUserPages {

    private final UserStore users;
    private final UserAccounts accounts;
    private final SkillCatalog skills;
    private final TeamDirectory teams;
    private final PublicUrl publicUrl;

    AdminUserPages(
            UserStore users, UserAccounts accounts, SkillCatalog skills, TeamDirectory teams, PublicUrl publicUrl) {
        this.users = users;
        this.accounts = accounts;
        this.skills = skills;
        this.teams = teams;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/admin/users")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", users.list(null, null, null, q, Cursor.DEFAULT_LIMIT, cursor));
        model.addAttribute("q", q);
        model.addAttribute("roles", List.of("agent", "supervisor", "admin"));
        return "identity/users";
    }

    @PostMapping("/admin/users")
    String invite(
            @RequestParam String username,
            @RequestParam(defaultValue = "") String email,
            @RequestParam(defaultValue = "") String displayName,
            @RequestParam(defaultValue = "agent") String role,
            Model model,
            RedirectAttributes redirect) {
        try {
            var created = accounts.create(
                    new UserInput.NewUser(
                            username,
                            email,
                            displayName.isBlank() ? null : displayName,
                            role,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null),
                    Actors.current(),
                    publicUrl.base());
            redirect.addFlashAttribute("invitation", created.invitation());
            redirect.addFlashAttribute("flash", "identity.users.invited");
            return "redirect:/admin/users/" + created.user().id();
        } catch (RuntimeException e) {
            model.addAttribute("error", Errors.message(e));
            return list(null, null, model);
        }
    }

    @GetMapping("/admin/users/{id}")
    String edit(@PathVariable String id, Model model) {
        UserView user = users.findRow(id).flatMap(users::view).orElseThrow(() -> new NotFoundException("user", id));
        model.addAttribute("user", user);
        Map<String, Integer> levels = new LinkedHashMap<>();
        user.skills().forEach(s -> levels.put(s.name(), s.proficiency()));
        model.addAttribute("levels", levels);
        model.addAttribute("catalog", skills.list(Cursor.MAX_LIMIT, null).items());
        model.addAttribute("allTeams", teams.list(Cursor.MAX_LIMIT, null).items());
        model.addAttribute(
                "memberOf", user.teams().stream().map(UserView.TeamRef::id).toList());
        model.addAttribute("roles", List.of("agent", "supervisor", "admin"));
        model.addAttribute("locales", ProfileRules.LOCALES);
        model.addAttribute("zones", TimeZones.ALL);
        return "identity/user";
    }

    @PostMapping("/admin/users/{id}")
    ModelAndView save(
            @PathVariable String id,
            @RequestParam long version,
            @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes redirect) {
        try {
            List<UserInput.Skill> skillLevels = new ArrayList<>();
            form.forEach((key, values) -> {
                if (key.startsWith("skill.")
                        && !values.isEmpty()
                        && !values.getFirst().equals("0")) {
                    skillLevels.add(new UserInput.Skill(key.substring(6), parse(values.getFirst())));
                }
            });
            List<String> languages = Arrays.stream(
                            form.getFirst("languages") == null
                                    ? new String[0]
                                    : form.getFirst("languages").split("[,\\s]+"))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(s -> s.toLowerCase(java.util.Locale.ROOT))
                    .toList();
            Map<String, Integer> capacity = new LinkedHashMap<>();
            for (String channel : ProfileRules.CHANNELS) {
                capacity.put(channel, parse(form.getFirst("capacity." + channel)));
            }
            List<String> teamIds = form.getOrDefault("teams", List.of());
            accounts.update(
                    id,
                    version,
                    new UserInput.Changes(
                            form.getFirst("email") == null
                                            || form.getFirst("email").isBlank()
                                    ? null
                                    : form.getFirst("email"),
                            form.getFirst("displayName"),
                            form.getFirst("role"),
                            form.getFirst("locale"),
                            form.getFirst("timeZone"),
                            skillLevels,
                            languages,
                            capacity,
                            teamIds),
                    Actors.current());
            redirect.addFlashAttribute("flash", "identity.flash.saved");
            return new ModelAndView("redirect:/admin/users/" + id);
        } catch (NotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            var model = new org.springframework.ui.ExtendedModelMap();
            model.addAttribute("error", Errors.message(e));
            String view = edit(id, model);
            return new ModelAndView(view, model, HttpStatus.BAD_REQUEST);
        }
    }

    @PostMapping("/admin/users/{id}/deactivate")
    String deactivate(@PathVariable String id, RedirectAttributes redirect) {
        try {
            accounts.deactivate(id, null, Actors.current());
            redirect.addFlashAttribute("flash", "identity.users.deactivated");
        } catch (NotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", Errors.message(e));
        }
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/admin/users/{id}/invite")
    String reinvite(@PathVariable String id, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("invitation", accounts.reinvite(id, Actors.current(), publicUrl.base()));
            redirect.addFlashAttribute("flash", "identity.users.invited");
        } catch (NotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", Errors.message(e));
        }
        return "redirect:/admin/users/" + id;
    }

    @GetMapping("/admin/skills")
    String skills(Model model) {
        model.addAttribute("skills", skills.list(Cursor.MAX_LIMIT, null).items());
        return "identity/skills";
    }

    @PostMapping("/admin/skills")
    String addSkill(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String description,
            Model model,
            RedirectAttributes redirect) {
        try {
            skills.create(name, description, Actors.current());
        } catch (RuntimeException e) {
            model.addAttribute("error", Errors.message(e));
            return skills(model);
        }
        redirect.addFlashAttribute("flash", "identity.flash.saved");
        return "redirect:/admin/skills";
    }

    private static Integer parse(String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
