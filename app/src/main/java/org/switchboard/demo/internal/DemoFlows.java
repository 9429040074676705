package org.switchboard.demo.internal;

import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Role;
import org.switchboard.identity.Users;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.FlowDefinition;
import org.switchboard.knowledge.FlowDefinition.Option;
import org.switchboard.knowledge.FlowDefinition.Step;
import org.switchboard.knowledge.FlowView;
import org.switchboard.knowledge.GuidedFlows;
import org.switchboard.knowledge.StepKind;
import org.switchboard.platform.SwitchboardDatabase;
import org.switchboard.platform.SwitchboardProperties;

/**
 * The demo company's guided flow: "Printer shows offline", for agents and customers, ending in the demo
 * article, a case in the Technical queue or a callback. Runs after the demo knowledge base, once (only
 * while no flow exists).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 120)
class DemoFlows implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoFlows.class);

    private final SwitchboardProperties properties;
    private final SwitchboardDatabase database;
    private final Users users;
    private final Articles articles;
    private final GuidedFlows flows;

    DemoFlows(
            SwitchboardProperties properties,
            SwitchboardDatabase database,
            Users users,
            Articles articles,
            GuidedFlows flows) {
        this.properties = properties;
        this.database = database;
        this.users = users;
        this.articles = articles;
        this.flows = flows;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean wanted = properties.demoData() != null ? properties.demoData() : database.created();
        var admin = users.findByIdOrUsername("admin");
        var article = articles.findByExternalId("demo-kb-printer-offline");
        if (!wanted
                || admin.isEmpty()
                || article.isEmpty()
                || !flows.list(false).isEmpty()) {
            return;
        }
        var user = admin.get();
        Actor actor = new Actor(user.id(), user.username(), user.displayName(), Role.ADMIN, Set.of());
        FlowDefinition definition = new FlowDefinition(
                "light",
                List.of(
                        new Step(
                                "light",
                                StepKind.QUESTION,
                                "Does the printer show an error light?",
                                List.of(
                                        new Option("no", "No, it looks normal", "wifi", false),
                                        new Option("yes", "Yes, a light blinks", "technician", false)),
                                null,
                                null),
                        new Step(
                                "wifi",
                                StepKind.QUESTION,
                                "Is the printer on the same Wi-Fi network as the computer?",
                                List.of(
                                        new Option("unsure", "I am not sure", "guide", false),
                                        new Option("yes", "Yes", "still", false)),
                                null,
                                null),
                        new Step(
                                "still",
                                StepKind.QUESTION,
                                "Restart the printer and wait one minute. Is it still offline?",
                                List.of(
                                        new Option("fixed", "No, it works now", "done", false),
                                        new Option("offline", "Yes, still offline", "callback", false),
                                        new Option("again", "Let me check again from the start", "light", true)),
                                null,
                                null),
                        new Step(
                                "guide",
                                StepKind.ARTICLE,
                                "Follow this article to reconnect the printer.",
                                List.of(),
                                article.get().id().toString(),
                                null),
                        new Step("done", StepKind.MESSAGE, "Great, the printer is back online.", List.of(), null, null),
                        new Step(
                                "technician",
                                StepKind.OPEN_CASE,
                                "A blinking light needs a technician: we will open a case for you.",
                                List.of(),
                                null,
                                "Technical"),
                        new Step(
                                "callback",
                                StepKind.CALLBACK,
                                "A technician will call you back to look at it together.",
                                List.of(),
                                null,
                                "Technical")));
        FlowView flow = flows.create("Printer shows offline", "both", "en", actor);
        flows.saveDraft(flow.summary().id(), "Printer shows offline", "both", "en", definition, null, actor);
        flows.publish(flow.summary().id(), actor);
        log.info("Demo guided flow loaded: Printer shows offline");
    }
}
