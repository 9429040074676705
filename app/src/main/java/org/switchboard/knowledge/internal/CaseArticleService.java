package org.switchboard.knowledge.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.AuthorKind;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.MessageView;
import org.switchboard.cases.Visibility;
import org.switchboard.customer.Customers;
import org.switchboard.identity.Actor;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.ArticleStatus;
import org.switchboard.knowledge.ArticleView;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.CaseArticles;
import org.switchboard.knowledge.KnowledgeFeedback;
import org.switchboard.knowledge.KnowledgeHit;
import org.switchboard.knowledge.KnowledgeQuery;
import org.switchboard.knowledge.KnowledgeSearch;
import org.switchboard.knowledge.Language;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RuleViolationException;

/**
 * {@link CaseArticles}: suggestions are a plain {@link KnowledgeSearch} over the case's latest customer
 * message (the same ranking as everywhere else); inserts are recorded as uses of the article.
 */
@Service
class CaseArticleService implements CaseArticles {

    private final Cases cases;
    private final Customers customers;
    private final Articles articles;
    private final ObjectProvider<KnowledgeSearch> search;
    private final FeedbackService feedback;
    private final KnowledgeFlowsProperties properties;
    private final Clock clock;
    private final String publicBase;
    // Messages whose suggestions found nothing, already logged as a gap: the case page refreshes often,
    // and one message is one gap, not one per refresh.
    private final Set<String> loggedGaps = ConcurrentHashMap.newKeySet();

    CaseArticleService(
            Cases cases,
            Customers customers,
            Articles articles,
            ObjectProvider<KnowledgeSearch> search,
            FeedbackService feedback,
            KnowledgeFlowsProperties properties,
            org.switchboard.platform.SwitchboardProperties switchboard,
            Clock clock) {
        String url = switchboard.publicUrl();
        // A reply carries the article's absolute address when the public address is configured.
        this.publicBase = url == null || url.isBlank() ? "" : url.replaceAll("/+$", "");
        this.cases = cases;
        this.customers = customers;
        this.articles = articles;
        this.search = search;
        this.feedback = feedback;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public List<KnowledgeHit> suggestions(CaseId caseId, Actor agent) {
        Optional<MessageView> latest = latestCustomerMessage(caseId, agent);
        KnowledgeSearch index = search.getIfAvailable();
        if (latest.isEmpty() || index == null) {
            return List.of();
        }
        String text = queryText(latest.get().text());
        if (text.isEmpty()) {
            return List.of();
        }
        List<KnowledgeHit> hits = index.search(KnowledgeQuery.of(
                text, null, KnowledgeQuery.Audiences.ALL, Math.max(1, Math.min(10, properties.suggestions()))));
        if (hits.isEmpty() && loggedGaps.add(latest.get().id().toString())) {
            if (loggedGaps.size() > 10_000) {
                loggedGaps.clear();
            }
            feedback.recordGap(text, null, KnowledgeFeedback.GapReason.ZERO_HITS, "suggestions");
        }
        return hits;
    }

    private Optional<MessageView> latestCustomerMessage(CaseId caseId, Actor agent) {
        List<MessageView> messages = cases.messages(caseId, agent);
        for (int i = messages.size() - 1; i >= 0; i--) {
            MessageView message = messages.get(i);
            if (message.author().kind() == AuthorKind.CUSTOMER && message.visibility() == Visibility.PUBLIC) {
                return Optional.of(message);
            }
        }
        return Optional.empty();
    }

    /** The message as a query: blanks collapsed, cut at a word boundary under the search's length limit. */
    static String queryText(String message) {
        String text = message == null ? "" : message.replaceAll("\\s+", " ").strip();
        int max = 500;
        if (text.length() > max) {
            int cut = text.lastIndexOf(' ', max);
            text = text.substring(0, cut > 0 ? cut : max);
        }
        return text;
    }

    @Override
    @Transactional
    public Inserted insert(CaseId caseId, ArticleId articleId, Actor agent) {
        CaseView theCase = cases.get(caseId, agent);
        ArticleView article = articles.findVisible(articleId, agent)
                .orElseThrow(() -> new InvalidInputException("articleId", "no such article"));
        if (article.status() != ArticleStatus.PUBLISHED) {
            throw new RuleViolationException("Only a published article can be inserted into a reply");
        }
        ArticleView chosen = article;
        String preferred = customers.profile(theCase.customer().id()).preferredLanguage();
        if (preferred != null && !preferred.equals(article.language().code())) {
            Optional<ArticleView> translation = translation(article, preferred);
            if (translation.isPresent()) {
                chosen = translation.get();
            }
        }
        Instant now = clock.instant();
        feedback.recordUse(
                theCase.id(),
                article.id(),
                chosen.id(),
                chosen.language().code(),
                agent.id().value(),
                now);
        return inserted(article.id(), chosen, now);
    }

    private Optional<ArticleView> translation(ArticleView article, String language) {
        try {
            return articles.translation(article.id(), Language.of(language))
                    .filter(t -> t.status() == ArticleStatus.PUBLISHED);
        } catch (InvalidInputException e) {
            return Optional.empty(); // a customer language Switchboard cannot parse: keep the original
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<Inserted> linked(CaseId caseId, Actor agent) {
        cases.get(caseId, agent);
        List<Inserted> linked = new ArrayList<>();
        for (FeedbackService.Use use : feedback.usesOnCase(caseId)) {
            articles.find(use.inserted()).ifPresent(a -> linked.add(inserted(use.article(), a, use.at())));
        }
        return linked;
    }

    private Inserted inserted(ArticleId chosen, ArticleView article, Instant at) {
        var text = new StringBuilder(article.title())
                .append("\n\n")
                .append(article.body().strip());
        @Nullable String path = article.audience().wire().equals("customers") ? publicBase + article.path() : null;
        if (path != null) {
            text.append("\n\n").append(path);
        }
        return new Inserted(
                chosen, article.id(), article.language().code(), article.title(), text.toString(), path, at);
    }
}
