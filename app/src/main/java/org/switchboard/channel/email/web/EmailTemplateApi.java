package org.switchboard.channel.email.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.channel.email.outbound.EmailTemplates;
import org.switchboard.identity.Actors;
import org.switchboard.platform.JsonBody;
import tools.jackson.databind.JsonNode;

/**
 * The texts of outbound mail per kind ({@code reply}, {@code acknowledgement}) and language (en, fr, zh,
 * ru), admins only: read, replace ({@code PUT {"text"}}) and go back to the built-in text ({@code DELETE}).
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class EmailTemplateApi {

    private final EmailTemplates templates;

    EmailTemplateApi(EmailTemplates templates) {
        this.templates = templates;
    }

    /** A template as the API shows it. */
    record TemplateJson(
            String kind,
            String language,
            String text,
            boolean custom,
            String builtIn,
            List<String> placeholders,
            @Nullable Instant updatedAt) {

        static TemplateJson of(EmailTemplates.Template t) {
            return new TemplateJson(
                    t.kind().wire(),
                    t.language(),
                    t.text(),
                    t.custom(),
                    t.builtIn(),
                    t.kind().placeholders().stream().map(p -> "{{" + p + "}}").toList(),
                    t.updatedAt());
        }
    }

    @GetMapping("/api/v1/channels/email/templates")
    Map<String, List<TemplateJson>> list() {
        return Map.of("items", templates.all().stream().map(TemplateJson::of).toList());
    }

    @GetMapping("/api/v1/channels/email/templates/{kind}/{language}")
    TemplateJson get(@PathVariable String kind, @PathVariable String language) {
        return TemplateJson.of(templates.get(EmailTemplates.Kind.parse(kind), language));
    }

    @PutMapping("/api/v1/channels/email/templates/{kind}/{language}")
    TemplateJson change(@PathVariable String kind, @PathVariable String language, @RequestBody JsonNode json) {
        EmailTemplates.Kind k = EmailTemplates.Kind.parse(kind);
        JsonBody body = JsonBody.of(json);
        String text = body.string("text");
        EmailTemplates.problems(k, text).forEach(p -> body.problem(p.field(), p.message()));
        body.check();
        return TemplateJson.of(templates.change(k, language, text, Actors.current()));
    }

    @DeleteMapping("/api/v1/channels/email/templates/{kind}/{language}")
    TemplateJson reset(@PathVariable String kind, @PathVariable String language) {
        return TemplateJson.of(templates.reset(EmailTemplates.Kind.parse(kind), language, Actors.current()));
    }
}
