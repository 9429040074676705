package org.switchboard.knowledge.web;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.knowledge.ArticleDraft;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.ArticleStatus;
import org.switchboard.knowledge.ArticleView;
import org.switchboard.knowledge.Audience;
import org.switchboard.knowledge.Language;
import org.switchboard.knowledge.internal.ArticleAttachments;
import org.switchboard.knowledge.internal.ArticleService;
import org.switchboard.knowledge.internal.DocumentImport;
import org.switchboard.knowledge.internal.MarkdownText;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RuleViolationException;
import org.switchboard.platform.StaleVersionException;

/**
 * The authoring pages: article list with filters, editor with Markdown preview, review queue, version
 * history with diff and rollback, translations with stale flags, document import.
 */
@Controller
@RequestMapping("/knowledge")
class KnowledgePages {

    static final List<String> LANGUAGES = List.of("en", "fr", "ru", "zh", "de", "es", "it", "pt", "nl", "ja");

    private final ArticleService articles;
    private final ArticleAttachments attachments;
    private final DocumentImport documents;

    KnowledgePages(ArticleService articles, ArticleAttachments attachments, DocumentImport documents) {
        this.articles = articles;
        this.attachments = attachments;
        this.documents = documents;
    }

    private void common(Model model, Actor actor) {
        model.addAttribute("editor", articles.isEditor(actor));
        model.addAttribute("statuses", ArticleStatus.values());
        model.addAttribute("audiences", Audience.values());
        model.addAttribute("languages", LANGUAGES);
        model.addAttribute("categories", articles.categories());
        model.addAttribute("inReview", articles.countInReview());
    }

    @GetMapping
    String list(@RequestParam MultiValueMap<String, String> params, Model model) {
        Actor actor = Actors.current();
        common(model, actor);
        Map<String, String> query = new LinkedHashMap<>();
        for (String key : List.of("status", "language", "audience", "category", "q", "due", "stale", "cursor")) {
            String value = params.getFirst(key);
            query.put(key, value == null ? "" : value);
        }
        model.addAttribute("query", query);
        try {
            var filter = ArticleApiController.filter(
                    50,
                    blank(query.get("cursor")),
                    query.get("status").isBlank() ? null : List.of(query.get("status")),
                    blank(query.get("language")),
                    blank(query.get("audience")),
                    blank(query.get("category")),
                    null,
                    null,
                    blank(query.get("q")),
                    null,
                    "on".equals(query.get("due")),
                    "on".equals(query.get("stale")),
                    actor);
            model.addAttribute("page", articles.list(filter));
        } catch (InvalidInputException e) {
            model.addAttribute("page", new org.switchboard.platform.Page<>(List.of(), null));
            model.addAttribute("flashError", e.getMessage());
        }
        return "knowledge/articles";
    }

    @GetMapping("/review")
    String review(Model model) {
        Actor actor = Actors.current();
        common(model, actor);
        model.addAttribute(
                "queue",
                articles.list(ArticleApiController.filter(
                                200,
                                null,
                                List.of("in_review"),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                false,
                                false,
                                actor))
                        .items());
        model.addAttribute(
                "due",
                articles.list(ArticleApiController.filter(
                                200, null, null, null, null, null, null, null, null, null, true, false, actor))
                        .items());
        return "knowledge/review";
    }

    @GetMapping("/articles/new")
    String newArticle(Model model) {
        Actor actor = Actors.current();
        common(model, actor);
        model.addAttribute("article", null);
        model.addAttribute("form", Form.empty());
        model.addAttribute("errors", Map.of());
        return "knowledge/editor";
    }

    @PostMapping("/articles")
    String create(@RequestParam MultiValueMap<String, String> params, Model model, RedirectAttributes redirect) {
        Actor actor = Actors.current();
        Form form = Form.of(params);
        try {
            ArticleView view = articles.create(form.draft(null), actor);
            redirect.addFlashAttribute("flashKey", "knowledge.flash.created");
            return "redirect:/knowledge/articles/" + view.id();
        } catch (InvalidInputException e) {
            common(model, actor);
            model.addAttribute("article", null);
            model.addAttribute("form", form);
            model.addAttribute("errors", errors(e));
            return "knowledge/editor";
        }
    }

    @GetMapping("/articles/{id}")
    String edit(@PathVariable String id, Model model) {
        Actor actor = Actors.current();
        ArticleView article = article(id);
        common(model, actor);
        model.addAttribute("article", article);
        model.addAttribute("form", Form.of(article));
        model.addAttribute("errors", Map.of());
        model.addAttribute("attachments", attachments.of(article.id()));
        return "knowledge/editor";
    }

    @PostMapping("/articles/{id}")
    String save(
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            RedirectAttributes redirect) {
        Actor actor = Actors.current();
        ArticleView article = article(id);
        Form form = Form.of(params);
        try {
            articles.update(article.id(), form.draft(null), form.expectedVersion(), actor);
            redirect.addFlashAttribute("flashKey", "knowledge.flash.saved");
            return "redirect:/knowledge/articles/" + article.id();
        } catch (InvalidInputException | StaleVersionException | RuleViolationException | AccessDeniedException e) {
            common(model, actor);
            model.addAttribute("article", article);
            model.addAttribute("form", form);
            model.addAttribute("errors", e instanceof InvalidInputException invalid ? errors(invalid) : Map.of());
            model.addAttribute("flashErrorKey", errorKey(e));
            model.addAttribute("attachments", attachments.of(article.id()));
            return "knowledge/editor";
        }
    }

    @PostMapping("/articles/{id}/status")
    String status(
            @PathVariable String id,
            @RequestParam String status,
            @RequestParam(required = false) Long version,
            @RequestParam(required = false) String back,
            RedirectAttributes redirect) {
        Actor actor = Actors.current();
        ArticleView article = article(id);
        try {
            articles.changeStatus(article.id(), ArticleStatus.of(status), version, actor);
            redirect.addFlashAttribute(
                    "flashKey",
                    "knowledge.flash.status." + ArticleStatus.of(status).wire());
        } catch (StaleVersionException | RuleViolationException | AccessDeniedException | InvalidInputException e) {
            redirect.addFlashAttribute("flashErrorKey", errorKey(e));
        }
        return "redirect:" + ("review".equals(back) ? "/knowledge/review" : "/knowledge/articles/" + article.id());
    }

    /** The Markdown preview of the editor (htmx): the body as readers will see it. */
    @PostMapping("/preview")
    @ResponseBody
    String preview(@RequestParam(defaultValue = "") String body) {
        return MarkdownText.html(body);
    }

    @PostMapping("/articles/{id}/attachments")
    String attach(@PathVariable String id, @RequestParam("file") MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        ArticleView article = article(id);
        try (var in = file.getInputStream()) {
            attachments.attach(article.id(), file.getOriginalFilename(), in, Actors.current());
            redirect.addFlashAttribute("flashKey", "knowledge.flash.attached");
        } catch (InvalidInputException | AccessDeniedException | RuleViolationException e) {
            redirect.addFlashAttribute("flashErrorKey", errorKey(e));
        }
        return "redirect:/knowledge/articles/" + article.id();
    }

    @GetMapping("/articles/{id}/history")
    String history(
            @PathVariable String id,
            @RequestParam(required = false) Integer from,
            @RequestParam(required = false) Integer to,
            Model model) {
        Actor actor = Actors.current();
        ArticleView article = article(id);
        common(model, actor);
        var revisions = articles.revisions(article.id());
        model.addAttribute("article", article);
        model.addAttribute("revisions", revisions);
        int after = to == null ? article.revision() : to;
        int before = from == null ? after - 1 : from;
        if (before >= 1 && after >= 1 && before != after) {
            try {
                model.addAttribute("diff", articles.diff(article.id(), before, after));
            } catch (InvalidInputException e) {
                model.addAttribute("flashError", e.getMessage());
            }
        }
        return "knowledge/history";
    }

    @PostMapping("/articles/{id}/rollback/{number}")
    String rollback(
            @PathVariable String id,
            @PathVariable int number,
            @RequestParam(required = false) Long version,
            RedirectAttributes redirect) {
        ArticleView article = article(id);
        try {
            articles.rollback(article.id(), number, version, Actors.current());
            redirect.addFlashAttribute("flashKey", "knowledge.flash.rolledBack");
        } catch (StaleVersionException | RuleViolationException | AccessDeniedException | NotFoundException e) {
            redirect.addFlashAttribute("flashErrorKey", errorKey(e));
        }
        return "redirect:/knowledge/articles/" + article.id() + "/history";
    }

    @GetMapping("/articles/{id}/translations")
    String translations(@PathVariable String id, Model model) {
        Actor actor = Actors.current();
        ArticleView article = article(id);
        common(model, actor);
        model.addAttribute("article", article);
        model.addAttribute("family", articles.family(article.id()));
        return "knowledge/translations";
    }

    /** Starts a translation: a draft in the new language, prefilled with the source's text to translate. */
    @PostMapping("/articles/{id}/translations")
    String translate(@PathVariable String id, @RequestParam String language, RedirectAttributes redirect) {
        Actor actor = Actors.current();
        ArticleView source = article(id);
        try {
            var draft = new ArticleDraft(
                    source.title(),
                    source.body(),
                    source.summary(),
                    Language.of(language, "language"),
                    source.audience(),
                    source.category() == null ? null : source.category().id(),
                    source.tags(),
                    source.products(),
                    source.reviewBy(),
                    null,
                    source.id(),
                    null);
            ArticleView translation = articles.create(draft, actor);
            redirect.addFlashAttribute("flashKey", "knowledge.flash.translationStarted");
            return "redirect:/knowledge/articles/" + translation.id();
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/knowledge/articles/" + source.id() + "/translations";
        }
    }

    @GetMapping("/categories")
    String categories(Model model) {
        common(model, Actors.current());
        return "knowledge/categories";
    }

    @PostMapping("/categories")
    String createCategory(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) String parentId,
            RedirectAttributes redirect) {
        try {
            articles.createCategory(name, parentId, null, Actors.current());
            redirect.addFlashAttribute("flashKey", "knowledge.flash.categoryCreated");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        } catch (AccessDeniedException e) {
            redirect.addFlashAttribute("flashErrorKey", errorKey(e));
        }
        return "redirect:/knowledge/categories";
    }

    @GetMapping("/import")
    String importPage(Model model) {
        common(model, Actors.current());
        return "knowledge/import";
    }

    @PostMapping("/import")
    String importFiles(
            @RequestParam(name = "file", required = false) List<MultipartFile> files,
            @RequestParam(defaultValue = "en") String language,
            @RequestParam(defaultValue = "agents") String audience,
            @RequestParam(required = false) String publish,
            @RequestParam(required = false) String categoryId,
            @RequestParam(required = false) String tags,
            Model model,
            RedirectAttributes redirect)
            throws IOException {
        Actor actor = Actors.current();
        try {
            List<DocumentImport.Upload> uploads = new ArrayList<>();
            if (files != null) {
                for (MultipartFile file : files) {
                    if (!file.isEmpty()
                            || (file.getOriginalFilename() != null
                                    && !file.getOriginalFilename().isBlank())) {
                        uploads.add(new DocumentImport.Upload(
                                file.getOriginalFilename() == null ? "" : file.getOriginalFilename(), file.getBytes()));
                    }
                }
            }
            var created = documents.importFiles(
                    uploads,
                    new DocumentImport.Options(
                            Language.of(language, "language"),
                            Audience.of(audience),
                            publish != null,
                            categoryId == null || categoryId.isBlank() ? null : categoryId,
                            tags == null
                                    ? List.of()
                                    : Arrays.stream(tags.split(","))
                                            .map(String::strip)
                                            .filter(t -> !t.isEmpty())
                                            .toList()),
                    actor);
            redirect.addFlashAttribute("imported", created);
            redirect.addFlashAttribute("flashKey", "knowledge.flash.imported");
            return "redirect:/knowledge/import";
        } catch (InvalidInputException | AccessDeniedException e) {
            common(model, actor);
            model.addAttribute(
                    "importErrors",
                    e instanceof InvalidInputException invalid
                            ? invalid.problems().stream()
                                    .map(FieldProblem::message)
                                    .toList()
                            : List.of());
            model.addAttribute("flashErrorKey", errorKey(e));
            return "knowledge/import";
        }
    }

    // ----------------------------------------------------------------

    private ArticleView article(String id) {
        return articles.find(ArticleId.parse(id)).orElseThrow(() -> new NotFoundException("article", id));
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static Map<String, String> errors(InvalidInputException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.problems().forEach(p -> errors.merge(p.field().replaceAll("\\[\\d+]$", ""), p.message(), (a, b) -> a));
        return errors;
    }

    static String errorKey(Exception e) {
        return switch (e) {
            case StaleVersionException s -> "knowledge.error.stale";
            case AccessDeniedException a -> "knowledge.error.editorOnly";
            case RuleViolationException r -> "knowledge.error.rule";
            case NotFoundException n -> "knowledge.error.notFound";
            default -> "knowledge.error.invalid";
        };
    }

    /** The editor form as posted (every value a string; tags and products comma-separated). */
    record Form(
            String title,
            String summary,
            String body,
            String language,
            String audience,
            String categoryId,
            String tags,
            String products,
            String reviewBy,
            String owner,
            String version) {

        static Form empty() {
            return new Form("", "", "", "en", "agents", "", "", "", "", "", "");
        }

        static Form of(ArticleView a) {
            return new Form(
                    a.title(),
                    a.summary(),
                    a.body(),
                    a.language().code(),
                    a.audience().wire(),
                    a.category() == null ? "" : a.category().id(),
                    String.join(", ", a.tags()),
                    String.join(", ", a.products()),
                    a.reviewBy() == null ? "" : a.reviewBy().toString(),
                    "",
                    Long.toString(a.version()));
        }

        static Form of(MultiValueMap<String, String> p) {
            return new Form(
                    value(p, "title"),
                    value(p, "summary"),
                    value(p, "body"),
                    value(p, "language"),
                    value(p, "audience"),
                    value(p, "categoryId"),
                    value(p, "tags"),
                    value(p, "products"),
                    value(p, "reviewBy"),
                    value(p, "owner"),
                    value(p, "version"));
        }

        private static String value(MultiValueMap<String, String> p, String key) {
            String value = p.getFirst(key);
            return value == null ? "" : value;
        }

        @Nullable
        Long expectedVersion() {
            try {
                return version.isBlank() ? null : Long.valueOf(version.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        ArticleDraft draft(@Nullable ArticleId translationOf) {
            List<FieldProblem> problems = new ArrayList<>();
            Language lang = null;
            try {
                lang = Language.of(language, "language");
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
            Audience aud = null;
            try {
                aud = Audience.of(audience);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
            }
            LocalDate review = null;
            if (!reviewBy.isBlank()) {
                try {
                    review = LocalDate.parse(reviewBy.strip());
                } catch (DateTimeParseException e) {
                    problems.add(new FieldProblem("reviewBy", "must be a date such as 2027-03-31"));
                }
            }
            if (title.isBlank()) {
                problems.add(new FieldProblem("title", "must not be blank"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new ArticleDraft(
                    title,
                    body,
                    summary,
                    lang,
                    aud,
                    categoryId.isBlank() ? null : categoryId,
                    split(tags),
                    split(products),
                    review,
                    owner.isBlank() ? null : owner,
                    translationOf,
                    null);
        }

        private static List<String> split(String value) {
            return Arrays.stream(value.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
        }
    }
}
