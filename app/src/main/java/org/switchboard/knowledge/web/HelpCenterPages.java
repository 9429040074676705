package org.switchboard.knowledge.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.ArticleStatus;
import org.switchboard.knowledge.ArticleSummary;
import org.switchboard.knowledge.ArticleView;
import org.switchboard.knowledge.Audience;
import org.switchboard.knowledge.Language;
import org.switchboard.knowledge.internal.ArticleAttachments;
import org.switchboard.knowledge.internal.ArticleFilter;
import org.switchboard.knowledge.internal.ArticleService;
import org.switchboard.knowledge.internal.Category;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/**
 * The public help center: {@code /help} lists published articles by category (customer articles only
 * for anonymous readers) with a search box, {@code /help/articles/{id}-{slug}} shows one article. The id
 * decides the article; a URL with an old or missing slug is answered with a 301 to the current one, so
 * links survive title changes.
 */
@Controller
class HelpCenterPages {

    private static final Set<String> INLINE_TYPES = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");
    private static final int UUID_LENGTH = 36;

    private final ArticleService articles;
    private final ArticleAttachments attachments;

    HelpCenterPages(ArticleService articles, ArticleAttachments attachments) {
        this.articles = articles;
        this.attachments = attachments;
    }

    /** Articles of one category group on the help page. */
    record Section(@Nullable Category category, List<ArticleSummary> articles) {}

    @GetMapping("/help")
    String help(@RequestParam(required = false) String lang, Model model) {
        Actor reader = Actors.currentIfAny().orElse(null);
        Language language = null;
        if (lang != null && !lang.isBlank()) {
            try {
                language = Language.of(lang, "lang");
            } catch (InvalidInputException e) {
                language = null;
            }
        }
        var filter = new ArticleFilter(
                Set.of(ArticleStatus.PUBLISHED),
                language,
                reader == null ? Audience.CUSTOMERS : null,
                null,
                null,
                null,
                null,
                null,
                false,
                false,
                null,
                500);
        List<ArticleSummary> visible = articles.list(filter).items();
        Map<String, List<ArticleSummary>> byCategory = new LinkedHashMap<>();
        for (ArticleSummary article : visible) {
            byCategory
                    .computeIfAbsent(
                            article.category() == null ? "" : article.category().id(), k -> new ArrayList<>())
                    .add(article);
        }
        List<Section> sections = new ArrayList<>();
        for (Category category : articles.categories()) {
            List<ArticleSummary> in = byCategory.get(category.id());
            if (in != null) {
                sections.add(new Section(category, sortByTitle(in)));
            }
        }
        if (byCategory.containsKey("")) {
            sections.add(new Section(null, sortByTitle(byCategory.get(""))));
        }
        model.addAttribute("sections", sections);
        model.addAttribute("lang", language == null ? "" : language.code());
        model.addAttribute("audience", reader == null ? "customers" : "");
        model.addAttribute("languages", KnowledgePages.LANGUAGES);
        return "knowledge/help";
    }

    private static List<ArticleSummary> sortByTitle(List<ArticleSummary> list) {
        var sorted = new ArrayList<>(list);
        sorted.sort(java.util.Comparator.comparing(ArticleSummary::title, String.CASE_INSENSITIVE_ORDER));
        return sorted;
    }

    @GetMapping("/help/articles/{idAndSlug}")
    Object article(@PathVariable String idAndSlug, Model model) {
        Actor reader = Actors.currentIfAny().orElse(null);
        String id = idAndSlug.length() >= UUID_LENGTH ? idAndSlug.substring(0, UUID_LENGTH) : idAndSlug;
        String slug = idAndSlug.length() > UUID_LENGTH + 1 ? idAndSlug.substring(UUID_LENGTH + 1) : "";
        ArticleView article;
        try {
            article = articles.findVisible(ArticleId.parse(id), reader)
                    .filter(a -> a.status() == ArticleStatus.PUBLISHED)
                    .orElse(null);
        } catch (NotFoundException e) {
            article = null;
        }
        if (article == null) {
            model.addAttribute("status", 404);
            return new org.springframework.web.servlet.ModelAndView("knowledge/help-missing", HttpStatus.NOT_FOUND);
        }
        if (!slug.equals(article.slug())) {
            var redirect = new RedirectView(article.path(), true);
            redirect.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
            return redirect;
        }
        ArticleId shown = article.id();
        model.addAttribute("article", article);
        model.addAttribute(
                "translations",
                articles.family(shown).stream()
                        .filter(t -> t.status() == ArticleStatus.PUBLISHED && !t.id().equals(shown))
                        .filter(t -> reader != null || t.audience() == Audience.CUSTOMERS)
                        .toList());
        model.addAttribute("attachments", attachments.of(article.id()));
        return "knowledge/help-article";
    }

    /**
     * An article's attachment for whoever may read the article. Images are shown inline; everything else is
     * a download, and {@code nosniff} keeps a browser from rendering an upload as a page of ours.
     */
    @GetMapping("/help/attachments/{id}")
    ResponseEntity<InputStreamResource> attachment(@PathVariable String id) throws IOException {
        var content = attachments.get(id, Actors.currentIfAny().orElse(null));
        var attachment = content.attachment();
        boolean inline = INLINE_TYPES.contains(attachment.contentType());
        var disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(attachment.filename(), StandardCharsets.UTF_8)
                .build();
        return ResponseEntity.ok()
                .contentType(
                        inline
                                ? MediaType.parseMediaType(attachment.contentType())
                                : safeType(attachment.contentType()))
                .contentLength(attachment.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .body(new InputStreamResource(content.open()));
    }

    private static MediaType safeType(String type) {
        try {
            MediaType parsed = MediaType.parseMediaType(type);
            return parsed.getType().equals("text") ? MediaType.APPLICATION_OCTET_STREAM : parsed;
        } catch (RuntimeException e) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
    }
}
