package org.switchboard.desk.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;

/**
 * The agent's home: "my cases" (assigned to me, still active) and the queues I see with count badges.
 * Both parts are also served alone so the page refreshes them when a case changes.
 */
@Controller
class AgentHomeController {

    private final DeskViews views;

    AgentHomeController(DeskViews views) {
        this.views = views;
    }

    @GetMapping("/")
    String home(Model model) {
        Actor actor = Actors.current();
        model.addAttribute("myCases", views.myCases(actor));
        model.addAttribute("queueCounts", views.queueCounts(actor));
        model.addAttribute("queues", views.visibleQueues(actor));
        return "desk/home";
    }

    @GetMapping("/desk/home/my-cases")
    String myCases(Model model) {
        model.addAttribute("myCases", views.myCases(Actors.current()));
        return "desk/home :: myCases";
    }

    @GetMapping("/desk/home/queues")
    String queues(Model model) {
        model.addAttribute("queueCounts", views.queueCounts(Actors.current()));
        return "desk/home :: queueCounts";
    }
}
