package org.switchboard.knowledge.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.identity.Actors;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.ArticleView;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.internal.ArticleService;
import org.switchboard.knowledge.internal.Category;
import org.switchboard.platform.ETags;
import org.switchboard.platform.NotFoundException;

/**
 * {@code /api/v1/help}: the public help center's articles. Anonymous callers get published customer
 * articles only; a signed-in caller (token or Basic) sees every audience.
 */
@RestController
class HelpApiController {

    private final Articles articles;
    private final ArticleService service;

    HelpApiController(Articles articles, ArticleService service) {
        this.articles = articles;
        this.service = service;
    }

    @GetMapping("/api/v1/help/articles/{id}")
    ResponseEntity<ArticleView> article(@PathVariable String id) {
        var reader = Actors.currentIfAny().orElse(null);
        ArticleView view = articles.findVisible(ArticleId.parse(id), reader)
                .filter(a -> a.status() == org.switchboard.knowledge.ArticleStatus.PUBLISHED)
                .orElseThrow(() -> new NotFoundException("article", id));
        return ResponseEntity.ok().eTag(ETags.of(view.version())).body(view);
    }

    @GetMapping("/api/v1/help/categories")
    Map<String, List<Category>> categories() {
        return Map.of("items", service.categories());
    }
}
