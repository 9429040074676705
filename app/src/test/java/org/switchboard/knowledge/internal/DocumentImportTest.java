package org.switchboard.knowledge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

/** Reading real documents made here (PDF with PDFBox, Word with POI) through the pinned Tika parsers. */
class DocumentImportTest {

    final DocumentImport documents =
            new DocumentImport(null, new KnowledgeProperties(200_000, 1_000_000, 1_000_000), null);

    @Test
    void aPdfBecomesAnArticle() throws Exception {
        byte[] pdf;
        try (var document = new PDDocument();
                var out = new ByteArrayOutputStream()) {
            var page = new PDPage();
            document.addPage(page);
            try (var content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText("Warranty claims need the invoice number.");
                content.endText();
            }
            document.getDocumentInformation().setTitle("Warranty claims");
            document.save(out);
            pdf = out.toByteArray();
        }

        var extracted = documents.extract(new DocumentImport.Upload("warranty.pdf", pdf));

        assertThat(extracted.title()).isEqualTo("Warranty claims");
        assertThat(extracted.body()).contains("Warranty claims need the invoice number.");
    }

    @Test
    void aWordDocumentBecomesAnArticleTitledByItsProperties() throws Exception {
        byte[] docx;
        try (var document = new XWPFDocument();
                var out = new ByteArrayOutputStream()) {
            document.getProperties().getCoreProperties().setTitle("Shipping times");
            document.createParagraph().createRun().setText("Delivery within the country.");
            document.createParagraph().createRun().setText("Parcels arrive in three to five days.");
            document.write(out);
            docx = out.toByteArray();
        }

        var extracted = documents.extract(new DocumentImport.Upload("shipping.docx", docx));

        assertThat(extracted.body()).contains("Delivery within the country.\n\nParcels arrive in three to five days.");
        assertThat(extracted.title()).isEqualTo("Shipping times");
    }

    @Test
    void markdownIsKeptAsItIsAndTheFirstHeadingIsTheTitle() throws Exception {
        var extracted = documents.extract(new DocumentImport.Upload(
                "setup.md", "Intro\n\n# Router setup\n\n- step one".getBytes(StandardCharsets.UTF_8)));

        assertThat(extracted.title()).isEqualTo("Router setup");
        assertThat(extracted.body()).isEqualTo("Intro\n\n# Router setup\n\n- step one");
    }

    @Test
    void unreadableFilesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> documents.extract(new DocumentImport.Upload("empty.pdf", new byte[0])))
                .hasMessage("the file is empty");
        assertThatThrownBy(() -> documents.extract(
                        new DocumentImport.Upload("notes.txt", new byte[] {(byte) 0xc3, (byte) 0x28})))
                .hasMessage("it is not UTF-8 text");
        assertThatThrownBy(() -> documents.extract(new DocumentImport.Upload(
                        "broken.pdf", "%PDF-1.4\n garbage".getBytes(StandardCharsets.US_ASCII))))
                .hasMessageStartingWith("the document could not be read");
        assertThatThrownBy(() ->
                        documents.extract(new DocumentImport.Upload("blob.bin", new byte[] {0, 1, 2, 3, 4, 5, 6, 7})))
                .hasMessageStartingWith("no text was found in it");
    }
}
