package cn.yaan.carbonsink.certificate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TicketDocumentsTest {

    private static final String QR = "VDEuQkZYLjIwMjYtMTItMDJUMDE6MDA6MDBaLmV4YW1wbGUtc2lnbmF0dXJlLXRleHQ";
    private static final TicketCard CARD = new TicketCard("B-2026-7K3M-Q9XP", "碧峰峡景区", "Bifengxia Scenic Area",
            Instant.parse("2026-12-02T01:00:00Z"), Instant.parse("2026-12-02T02:00:00Z"), 3, QR);

    @Test
    void thePngIsPhoneShapedAndItsCodeReadsBackToTheTicket() throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(TicketDocuments.png(CARD)));
        assertThat(image.getWidth()).isEqualTo(TicketDocuments.PNG_WIDTH);
        assertThat(image.getHeight()).isEqualTo(TicketDocuments.PNG_HEIGHT);
        assertThat(QrCodes.decode(pngOf(image))).isEqualTo(QR);
    }

    @Test
    void thePdfIsOneA6PageWithTheTicketsLinesInChinaTimeAndACodeThatReadsBack() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(TicketDocuments.pdf(CARD))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            PDRectangle box = pdf.getPage(0).getMediaBox();
            assertThat(box.getWidth()).isEqualTo(PDRectangle.A6.getWidth());
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("碧峰峡景区", "Bifengxia Scenic Area", "2026-12-02 09:00–10:00",
                    "人数 Visitors  3", "B-2026-7K3M-Q9XP", "电子门票");
            BufferedImage page = new PDFRenderer(pdf).renderImageWithDPI(0, 200);
            assertThat(QrCodes.decode(pngOf(page))).isEqualTo(QR);
        }
    }

    private static byte[] pngOf(BufferedImage image) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "PNG", out);
        return out.toByteArray();
    }
}
