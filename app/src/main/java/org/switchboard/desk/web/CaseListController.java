package org.switchboard.desk.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.switchboard.cases.CaseStatus;
import org.switchboard.cases.Priority;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;

/** {@code /cases}: every case the agent may see, filtered, searched and cursor-paged. */
@Controller
class CaseListController {

    private final DeskViews views;

    CaseListController(DeskViews views) {
        this.views = views;
    }

    @GetMapping("/cases")
    String list(DeskViews.ListQuery query, Model model) {
        Actor actor = Actors.current();
        fill(query, actor, model);
        model.addAttribute("queues", views.visibleQueues(actor));
        model.addAttribute("statuses", CaseStatus.values());
        model.addAttribute("priorities", Priority.values());
        return "desk/cases";
    }

    /** The result table alone, for live refreshes. */
    @GetMapping("/desk/cases/results")
    String results(DeskViews.ListQuery query, Model model) {
        fill(query, Actors.current(), model);
        return "desk/cases :: results";
    }

    private void fill(DeskViews.ListQuery query, Actor actor, Model model) {
        model.addAttribute("query", query);
        model.addAttribute("page", views.search(query, actor));
    }
}
