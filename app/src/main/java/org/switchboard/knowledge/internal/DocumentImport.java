package org.switchboard.knowledge.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.ToXMLContentHandler;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;
import org.switchboard.knowledge.ArticleDraft;
import org.switchboard.knowledge.ArticleStatus;
import org.switchboard.knowledge.ArticleView;
import org.switchboard.knowledge.Audience;
import org.switchboard.knowledge.Language;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.xml.sax.SAXException;

/**
 * Import of existing documents (Markdown, plain text, HTML, PDF, Word, Excel, PowerPoint) as articles.
 * Markdown and text files are taken as they are; everything else goes through Apache Tika, whose XHTML is
 * turned into Markdown (headings, paragraphs, lists, tables as lines). Every file is read before anything
 * is written: one file that cannot be read is a 400 naming it, and no article of the upload is created.
 */
@Service
public class DocumentImport {

    /** One uploaded file. */
    public record Upload(String filename, byte[] content) {}

    /**
     * @param publish publish the imported articles right away (needs the editor permission); drafts otherwise
     */
    public record Options(
            Language language,
            Audience audience,
            boolean publish,
            @Nullable String categoryId,
            List<String> tags) {}

    /** A document read into an article's title and Markdown body. */
    record Extracted(String title, String body) {}

    private final ArticleService articles;
    private final KnowledgeProperties properties;
    private final AuditLog audit;
    private final AutoDetectParser parser = new AutoDetectParser();

    DocumentImport(ArticleService articles, KnowledgeProperties properties, AuditLog audit) {
        this.articles = articles;
        this.properties = properties;
        this.audit = audit;
    }

    /** Imports every file as one article, all or nothing. */
    @Transactional
    public List<ArticleView> importFiles(List<Upload> uploads, Options options, Actor actor) {
        if (uploads.isEmpty()) {
            throw new InvalidInputException("files", "at least one file is required");
        }
        if (options.publish()) {
            articles.requireEditor(actor);
        }
        List<FieldProblem> problems = new ArrayList<>();
        List<Extracted> documents = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            Upload upload = uploads.get(i);
            String field = uploads.size() == 1 ? "file" : "files[" + i + "]";
            try {
                documents.add(extract(upload));
            } catch (UnreadableDocument e) {
                problems.add(new FieldProblem(field, upload.filename() + ": " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        List<ArticleView> created = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Extracted document = documents.get(i);
            var draft = new ArticleDraft(
                    document.title(),
                    document.body(),
                    null,
                    options.language(),
                    options.audience(),
                    options.categoryId(),
                    options.tags(),
                    List.of(),
                    null,
                    null,
                    null,
                    null);
            ArticleView view;
            try {
                view = articles.create(draft, actor);
            } catch (InvalidInputException e) {
                // the options (category, tags) are named as they are; a problem of the document names its file
                String field = uploads.size() == 1 ? "file" : "files[" + i + "]";
                String file = uploads.get(i).filename();
                throw new InvalidInputException(e.problems().stream()
                        .map(p -> p.field().equals("categoryId") || p.field().startsWith("tags")
                                ? p
                                : new FieldProblem(field, file + ": " + p.field() + " " + p.message()))
                        .toList());
            }
            if (options.publish()) {
                view = articles.changeStatus(view.id(), ArticleStatus.PUBLISHED, view.version(), actor);
            }
            created.add(view);
        }
        audit.record(
                actor,
                "knowledge.documents.imported",
                "knowledge_article",
                created.getFirst().id().toString(),
                Map.of("files", created.size(), "published", options.publish()));
        return created;
    }

    static final class UnreadableDocument extends Exception {
        UnreadableDocument(String message) {
            super(message);
        }
    }

    Extracted extract(Upload upload) throws UnreadableDocument {
        if (upload.content().length == 0) {
            throw new UnreadableDocument("the file is empty");
        }
        if (upload.content().length > properties.maxImportBytes()) {
            throw new UnreadableDocument("the file is larger than " + properties.maxImportBytes() + " bytes");
        }
        String name = upload.filename() == null ? "" : upload.filename();
        String lower = name.toLowerCase(Locale.ROOT);
        String fallbackTitle = baseName(name);
        if (lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".txt")) {
            String text = utf8(upload.content());
            if (text.isBlank()) {
                throw new UnreadableDocument("the file has no text");
            }
            String title = lower.endsWith(".txt") ? fallbackTitle : markdownTitle(text, fallbackTitle);
            return new Extracted(title, text.strip());
        }
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
        var handler = new ToXMLContentHandler();
        try {
            parser.parse(new ByteArrayInputStream(upload.content()), handler, metadata, new ParseContext());
        } catch (EncryptedDocumentException e) {
            throw new UnreadableDocument("the document is encrypted or password-protected");
        } catch (TikaException | SAXException | IOException | RuntimeException e) {
            throw new UnreadableDocument("the document could not be read (" + shortMessage(e) + ")");
        }
        String contentType = metadata.get(Metadata.CONTENT_TYPE);
        String body = markdownOf(handler.toString());
        if (body.isBlank()) {
            throw new UnreadableDocument("no text was found in it"
                    + (contentType == null ? "" : " (detected as " + contentType.replaceAll(";.*", "") + ")"));
        }
        String title = metadata.get(TikaCoreProperties.TITLE);
        if (title == null || title.isBlank()) {
            title = markdownTitle(body, fallbackTitle);
        }
        title = title.strip();
        if (title.length() > ArticleService.MAX_TITLE) {
            title = title.substring(0, ArticleService.MAX_TITLE).strip();
        }
        return new Extracted(title, body);
    }

    private static String shortMessage(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replaceAll("\\s+", " ");
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    private static String utf8(byte[] content) throws UnreadableDocument {
        try {
            var decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            String text = decoder.decode(ByteBuffer.wrap(content)).toString();
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (text.indexOf('\0') >= 0) {
                throw new UnreadableDocument("it is not a text file (it contains NUL bytes)");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new UnreadableDocument("it is not UTF-8 text");
        }
    }

    private static String baseName(String filename) {
        String name = filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            name = name.substring(0, dot);
        }
        name = name.replace('_', ' ').strip();
        return name.isEmpty() ? "Imported document" : name;
    }

    private static String markdownTitle(String markdown, String fallback) {
        for (String line : markdown.lines().toList()) {
            var heading = line.strip();
            if (heading.startsWith("#")) {
                String title = heading.replaceFirst("^#{1,6}\\s*", "").strip();
                if (!title.isEmpty()) {
                    return title;
                }
            }
        }
        return fallback;
    }

    /** Tika's XHTML as Markdown: headings, paragraphs, list items, preformatted blocks, table rows. */
    static String markdownOf(String xhtml) {
        var body = Jsoup.parse(xhtml).body();
        var out = new StringBuilder();
        blocks(body, out);
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    private static void blocks(Element element, StringBuilder out) {
        for (Node child : element.childNodes()) {
            if (child instanceof TextNode text) {
                if (!text.isBlank()) {
                    paragraph(out, text.text());
                }
                continue;
            }
            if (!(child instanceof Element e)) {
                continue;
            }
            String tag = e.tagName();
            switch (tag) {
                case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                    String text = e.text().strip();
                    if (!text.isEmpty()) {
                        out.append("\n")
                                .append("#".repeat(tag.charAt(1) - '0'))
                                .append(' ')
                                .append(text)
                                .append("\n\n");
                    }
                }
                case "p" -> paragraph(out, e.wholeText().strip().isEmpty() ? "" : e.text());
                case "li" -> {
                    String text = e.text().strip();
                    if (!text.isEmpty()) {
                        out.append("- ").append(escape(text)).append('\n');
                    }
                }
                case "ul", "ol" -> {
                    blocks(e, out);
                    out.append('\n');
                }
                case "pre" ->
                    out.append("\n```\n").append(e.wholeText().strip()).append("\n```\n\n");
                case "tr" -> {
                    var cells = e.children().stream()
                            .map(c -> c.text().strip())
                            .filter(c -> !c.isEmpty())
                            .toList();
                    if (!cells.isEmpty()) {
                        out.append(escape(String.join(" · ", cells))).append("\n\n");
                    }
                }
                case "title", "meta", "head", "script", "style" -> {}
                default -> {
                    if (e.children().isEmpty()) {
                        paragraph(out, e.text());
                    } else {
                        blocks(e, out);
                    }
                }
            }
        }
    }

    private static void paragraph(StringBuilder out, String text) {
        String clean = text.replaceAll("\\s+", " ").strip();
        if (!clean.isEmpty()) {
            out.append(escape(clean)).append("\n\n");
        }
    }

    /** Text that Markdown would read as markup at the start of a line stays text. */
    private static String escape(String text) {
        return text.replaceFirst("^([#>*+\\-]|\\d+\\.)(\\s)", "\\\\$1$2");
    }
}
