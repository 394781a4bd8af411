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

    @Test
    void chineseTextOnOneA4PageWithEmbeddedFont() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(content(
                List.of("YA-FM-01-2023-0000000001 … YA-FM-01-2023-0000000250"))))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            PDRectangle box = pdf.getPage(0).getMediaBox();
            assertThat(box.getWidth()).isCloseTo(PDRectangle.A4.getWidth(), offset(0.5f));
            assertThat(box.getHeight()).isCloseTo(PDRectangle.A4.getHeight(), offset(0.5f));

            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("碳汇认购证书", NUMBER, "张*", "雅安市林业局", "250 kg CO2e",
                    "YA-FM-01-2023-0000000001", "2026-03-15", "案号 / Case: （2025）川1802刑初123号");

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
    void qrCodeReadsBackFromTheRenderedPage() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(CertificatePdf.render(content(List.of("YA-FM-01-2023-0000000001"))))) {
            BufferedImage image = new PDFRenderer(pdf).renderImageWithDPI(0, 300);
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

    private static PdfContent content(List<String> ranges) throws Exception {
        return new PdfContent("碳汇认购证书", "Carbon Sink Subscription Certificate", NUMBER, "张*", 250, 12,
                ranges, "雅安市林业局", LocalDate.of(2026, 3, 15), "有效", "Valid", qrPng(URL), URL, "（2025）川1802刑初123号");
    }

    private static byte[] qrPng(String text) throws Exception {
        BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 300, 300);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MatrixToImageWriter.writeToStream(matrix, "PNG", out);
        return out.toByteArray();
    }
}
