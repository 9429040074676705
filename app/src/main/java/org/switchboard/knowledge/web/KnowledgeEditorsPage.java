package org.switchboard.knowledge.web;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.identity.Actors;
import org.switchboard.knowledge.internal.ArticleService;
import org.switchboard.platform.NotFoundException;

/** Admins grant and withdraw the knowledge-editor permission. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class KnowledgeEditorsPage {

    private final ArticleService articles;

    KnowledgeEditorsPage(ArticleService articles) {
        this.articles = articles;
    }

    @GetMapping("/admin/knowledge/editors")
    String editors(Model model) {
        model.addAttribute("editors", articles.editors());
        return "knowledge/editors";
    }

    @PostMapping("/admin/knowledge/editors")
    String change(
            @RequestParam String user,
            @RequestParam(defaultValue = "grant") String action,
            RedirectAttributes redirect) {
        try {
            articles.setEditor(user.strip(), !"withdraw".equals(action), Actors.current());
            redirect.addFlashAttribute("flashKey", "knowledge.flash.editors");
        } catch (NotFoundException e) {
            redirect.addFlashAttribute("flashErrorKey", "knowledge.error.noSuchUser");
        }
        return "redirect:/admin/knowledge/editors";
    }
}
