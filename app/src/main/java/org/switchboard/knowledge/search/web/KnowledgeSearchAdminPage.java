package org.switchboard.knowledge.search.web;

import java.util.UUID;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.knowledge.search.SearchIndexing;
import org.switchboard.knowledge.search.SynonymStore;

/** The admin page of the knowledge search: synonym groups and the index with its rebuild progress. */
@Controller
@RequestMapping("/admin/knowledge/search")
@PreAuthorize("hasRole('ADMIN')")
class KnowledgeSearchAdminPage {

    private final SearchIndexing indexing;
    private final SynonymStore synonyms;

    KnowledgeSearchAdminPage(SearchIndexing indexing, SynonymStore synonyms) {
        this.indexing = indexing;
        this.synonyms = synonyms;
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("synonyms", synonyms.list());
        status(model);
        return "knowledge-search/admin";
    }

    /** The index status fragment; it polls itself while a rebuild runs. */
    @GetMapping("/progress")
    String progress(Model model) {
        status(model);
        return "knowledge-search/admin :: progress";
    }

    @PostMapping("/rebuild")
    String rebuild(RedirectAttributes redirect) {
        redirect.addFlashAttribute(
                "flashKey",
                indexing.startRebuild() ? "knowledgeSearch.rebuild.started" : "knowledgeSearch.rebuild.running");
        return "redirect:/admin/knowledge/search";
    }

    @PostMapping("/synonyms")
    String add(@RequestParam String language, @RequestParam String terms, RedirectAttributes redirect) {
        var words = SynonymStore.parse(terms);
        String code = language.strip().toLowerCase(java.util.Locale.ROOT);
        if (words.size() < 2
                || !java.util.Set.of(java.util.Locale.getISOLanguages()).contains(code)) {
            redirect.addFlashAttribute("flashErrorKey", "knowledgeSearch.synonyms.invalid");
        } else {
            synonyms.add(code, words);
            redirect.addFlashAttribute("flashKey", "knowledgeSearch.synonyms.saved");
        }
        return "redirect:/admin/knowledge/search";
    }

    @PostMapping("/synonyms/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        synonyms.delete(id);
        redirect.addFlashAttribute("flashKey", "knowledgeSearch.synonyms.deleted");
        return "redirect:/admin/knowledge/search";
    }

    private void status(Model model) {
        var progress = indexing.rebuildProgress();
        model.addAttribute("progress", progress);
        model.addAttribute("passages", indexing.index().passages());
        model.addAttribute("sizeMiB", String.format("%.1f", indexing.index().sizeBytes() / 1048576.0));
    }
}
