package cn.yaan.carbonsink.certificate;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeWriter;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

class CertificatePdfTest {

    private static final String NUMBER = "R-2026-7K3M-Q9XP-4";
    private static final String URL = "https://example.org/v/R-2026-7K3M-Q9XP-4#abc";
    private static final String SHORT_URL = "https://example.org/v/R-2026-7K3M-Q9XP-4";

    @Test
    void chineseTextOnOneA4PageWithEmbeddedFont() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(content(
                List.of("YA-FM-01-2023-0000000001 … YA-FM-01-2023-0000000250"))))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            PDRectangle box = pdf.getPage(0).getMediaBox();
            assertThat(box.getWidth()).isCloseTo(PDRectangle.A4.getWidth(), offset(0.5f));
            assertThat(box.getHeight()).isCloseTo(PDRectangle.A4.getHeight(), offset(0.5f));

            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("碳汇认购证书", "Carbon Sink Subscription Certificate", NUMBER, "张*",
                    "雅安市林业局", "250 kg CO2e", "YA-FM-01-2023-0000000001", "签发日期 / Issued on 2026-03-15",
                    "案号 / Case number", "（2025）川1802刑初123号", SHORT_URL, "扫码验证")
                    .as("the address with the payload is in the QR code only").doesNotContain("#abc")
                    .doesNotContain("REVOKED");
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("碳汇认购证书 " + NUMBER);
            assertThat(pdf.getDocumentInformation().getAuthor()).isEqualTo("雅安市林业局");
            assertThat(pdf.getDocumentInformation().getKeywords()).isEqualTo(NUMBER);
            assertThat(pdf.getDocumentInformation().getCreationDate().get(java.util.Calendar.YEAR)).isEqualTo(2026);

            PDPage page = pdf.getPage(0);
            PDResources resources = page.getResources();
            List<PDFont> fonts = new ArrayList<>();
            for (COSName name : resources.getFontNames()) {
                fonts.add(resources.getFont(name));
            }
            assertThat(fonts).isNotEmpty().allSatisfy(font -> assertThat(font.isEmbedded()).isTrue());
        }
    }

    @Test
    void aRevokedCertificateSaysSoAcrossThePageAndWhenAndWhy() throws Exception {
        PdfContent valid = content(List.of("YA-FM-01-2023-0000000001"));
        PdfContent revoked = new PdfContent(valid.titleZh(), valid.titleEn(), valid.number(), valid.facts(),
                valid.serialRanges(), valid.issuer(), valid.issuedOn(), valid.qrPng(), valid.qrUrl(), valid.shortUrl(),
                new PdfContent.Revoked(LocalDate.of(2026, 4, 2), "判决撤销 / judgment set aside"));
        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(revoked))) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("已撤销 REVOKED 2026-04-02",
                    "本证书已于 2026-04-02 撤销 / Revoked on 2026-04-02: 判决撤销 / judgment set aside");
        }
    }

    @Test
    void qrCodeReadsBackFromThePagePrintedAt150Dpi() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(content(List.of("YA-FM-01-2023-0000000001"))))) {
            BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(0, 150);
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
            Result result = new MultiFormatReader().decode(bitmap, Map.of(
                    DecodeHintType.TRY_HARDER, Boolean.TRUE,
                    DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE)));
            assertThat(result.getText()).isEqualTo(URL);
        }
    }

    @Test
    void moreThanTwentyRangesAreCut() throws Exception {
        List<String> ranges = IntStream.rangeClosed(1, 23)
                .mapToObj(i -> String.format("YA-FM-01-2023-%010d … YA-FM-01-2023-%010d", i * 100 - 99, i * 100))
                .toList();
        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(content(ranges)))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("YA-FM-01-2023-0000002000", "… 另有 3 段 / … and 3 more")
                    .doesNotContain("YA-FM-01-2023-0000002001");
        }
    }

    static PdfContent content(List<String> ranges) throws Exception {
        return new PdfContent("碳汇认购证书", "Carbon Sink Subscription Certificate", NUMBER,
                List.of(new PdfContent.Line("持有人 / Holder", "张*"),
                        new PdfContent.Line("注销碳汇 / Units retired", "250 kg CO2e"),
                        new PdfContent.Line("相当于植树（株） / Trees", "12"),
                        new PdfContent.Line("案号 / Case number", "（2025）川1802刑初123号")),
                ranges, "雅安市林业局", LocalDate.of(2026, 3, 15), qrPng(URL), URL, SHORT_URL, null);
    }

    private static byte[] qrPng(String text) throws Exception {
        BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 300, 300);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MatrixToImageWriter.writeToStream(matrix, "PNG", out);
        return out.toByteArray();
    }
}
