package org.switchboard.identity.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.identity.Actors;
import org.switchboard.identity.internal.TeamDirectory;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.NotFoundException;

/** Admin pages for teams: list, create, rename, add and remove members. */
@Controller
class AdminTeamPages {

    private final TeamDirectory teams;

    AdminTeamPages(TeamDirectory teams) {
        this.teams = teams;
    }

    @GetMapping("/admin/teams")
    String list(@RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("page", teams.list(Cursor.DEFAULT_LIMIT, cursor));
        return "identity/teams";
    }

    @PostMapping("/admin/teams")
    String create(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String description,
            Model model,
            RedirectAttributes redirect) {
        try {
            var team = teams.create(name, description, Actors.current());
            redirect.addFlashAttribute("flash", "identity.flash.saved");
            return "redirect:/admin/teams/" + team.id();
        } catch (RuntimeException e) {
            model.addAttribute("error", Errors.message(e));
            return list(null, model);
        }
    }

    @GetMapping("/admin/teams/{id}")
    String team(@PathVariable String id, Model model) {
        model.addAttribute("team", teams.find(id).orElseThrow(() -> new NotFoundException("team", id)));
        return "identity/team";
    }

    @PostMapping("/admin/teams/{id}")
    String rename(
            @PathVariable String id,
            @RequestParam long version,
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String description,
            RedirectAttributes redirect) {
        return change(id, redirect, () -> teams.update(id, version, name, description, Actors.current()));
    }

    @PostMapping("/admin/teams/{id}/members")
    String addMember(
            @PathVariable String id, @RequestParam(defaultValue = "") String user, RedirectAttributes redirect) {
        return change(id, redirect, () -> {
            try {
                teams.addMember(id, user, Actors.current());
            } catch (NotFoundException e) {
                if (teams.find(id).isEmpty()) {
                    throw e;
                }
                throw new org.switchboard.platform.InvalidInputException("user", "No user " + user);
            }
        });
    }

    @PostMapping("/admin/teams/{id}/members/{userId}/remove")
    String removeMember(@PathVariable String id, @PathVariable String userId, RedirectAttributes redirect) {
        return change(id, redirect, () -> teams.removeMember(id, userId, Actors.current()));
    }

    private static String change(String id, RedirectAttributes redirect, Runnable change) {
        try {
            change.run();
            redirect.addFlashAttribute("flash", "identity.flash.saved");
        } catch (NotFoundException e) {
            throw e;
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", Errors.message(e));
        }
        return "redirect:/admin/teams/" + id;
    }
}
