package cn.yaan.carbonsink.certificate;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

public final class CertificatePdf {

    static final int MAX_SERIAL_LINES = 20;
    static final String FOOTER = "扫描二维码或访问上述地址验证本证书 / Scan the QR code or open the address to verify";

    private static final float MM = 72f / 25.4f;
    private static final float MARGIN = 20 * MM;
    private static final float QR_SIZE = 45 * MM;

    private CertificatePdf() {
    }

    /** A4 portrait PDF: Chinese title large, English title below, number, holder, quantity "x kg CO2e" (and trees if
     *  not null), serial ranges (each on a line; if more than 20, the first 20 and "… and N more"), issuer, date
     *  (yyyy-MM-dd), status, the QR image (about 45 mm square) with the verify URL under it in small print, and a
     *  bilingual footer line "扫描二维码或访问上述地址验证本证书 / Scan the QR code or open the address to verify". */
    public static byte[] render(PdfContent content) {
        // The shared TrueTypeFont reads its tables lazily and without locking; one render at a time.
        synchronized (FontHolder.FONT) {
            try (PDDocument document = new PDDocument()) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                // PDType0Font belongs to one document; the parsed font behind it is shared.
                PDFont font = PDType0Font.load(document, FontHolder.FONT, true);
                PDImageXObject qr = PDImageXObject.createFromByteArray(document, content.qrPng(), "qr");
                try (PDPageContentStream cs = new PDPageContentStream(document, page)) {
                    draw(cs, font, qr, content, page.getMediaBox());
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                document.save(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot render certificate " + content.number(), e);
            }
        }
    }

    private static void draw(PDPageContentStream cs, PDFont font, PDImageXObject qr, PdfContent c, PDRectangle box)
            throws IOException {
        float width = box.getWidth();
        float textWidth = width - 2 * MARGIN;
        float y = box.getHeight() - MARGIN - 26;

        centered(cs, font, 26, width, y, c.titleZh());
        y -= 26;
        centered(cs, font, 14, width, y, c.titleEn());
        y -= 16;
        cs.setLineWidth(0.8f);
        cs.moveTo(MARGIN, y);
        cs.lineTo(width - MARGIN, y);
        cs.stroke();
        y -= 28;

        List<String> fields = new ArrayList<>();
        fields.add("证书编号 / Number: " + c.number());
        if (c.caseNumber() != null) {
            fields.add("案号 / Case: " + c.caseNumber());
        }
        fields.add("持有人 / Holder: " + c.holderMasked());
        fields.add("数量 / Quantity: " + c.quantityKg() + " kg CO2e");
        if (c.trees() != null) {
            fields.add("相当于树木 / Trees: " + c.trees());
        }
        fields.add("签发机构 / Issuer: " + c.issuer());
        fields.add("签发日期 / Date: " + DateTimeFormatter.ISO_LOCAL_DATE.format(c.issuedOn()));
        fields.add("状态 / Status: " + c.statusZh() + " / " + c.statusEn());
        for (String field : fields) {
            left(cs, font, 12, MARGIN, y, textWidth, field);
            y -= 20;
        }

        y -= 6;
        left(cs, font, 12, MARGIN, y, textWidth, "序列号 / Serial numbers:");
        y -= 16;
        List<String> ranges = c.serialRanges() == null ? List.of() : c.serialRanges();
        for (String range : serialLines(ranges)) {
            left(cs, font, 10, MARGIN + 12, y, textWidth - 12, range);
            y -= 13;
        }

        // Bottom block at fixed positions: QR, URL, footer.
        float footerY = MARGIN;
        float urlY = footerY + 22;
        float qrY = urlY + 12;
        cs.drawImage(qr, (width - QR_SIZE) / 2, qrY, QR_SIZE, QR_SIZE);
        centered(cs, font, 8, width, urlY, c.verifyUrl());
        centered(cs, font, 9, width, footerY, FOOTER);
    }

    /** The first 20 ranges, then one line saying how many were left out. */
    static List<String> serialLines(List<String> ranges) {
        if (ranges.size() <= MAX_SERIAL_LINES) {
            return ranges;
        }
        List<String> lines = new ArrayList<>(ranges.subList(0, MAX_SERIAL_LINES));
        int more = ranges.size() - MAX_SERIAL_LINES;
        lines.add("… 另有 " + more + " 段 / … and " + more + " more");
        return lines;
    }

    private static void left(PDPageContentStream cs, PDFont font, float size, float x, float y, float maxWidth,
                             String text) throws IOException {
        String safe = printable(font, text);
        show(cs, font, fit(font, size, maxWidth, safe), x, y, safe);
    }

    private static void centered(PDPageContentStream cs, PDFont font, float size, float pageWidth, float y,
                                 String text) throws IOException {
        String safe = printable(font, text);
        float fitted = fit(font, size, pageWidth - 2 * MARGIN, safe);
        float x = (pageWidth - width(font, fitted, safe)) / 2;
        show(cs, font, fitted, x, y, safe);
    }

    private static void show(PDPageContentStream cs, PDFont font, float size, float x, float y, String text)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(text);
        cs.endText();
    }

    /** Shrinks the font size until the line fits; long lines never run off the page. */
    private static float fit(PDFont font, float size, float maxWidth, String text) throws IOException {
        float w = width(font, size, text);
        return w <= maxWidth ? size : size * maxWidth / w;
    }

    private static float width(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** Null as empty, control characters as spaces, characters the font lacks as '?'. */
    private static String printable(PDFont font, String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String s = Character.isISOControl(cp) ? " " : Character.toString(cp);
            try {
                font.encode(s);
                sb.append(s);
            } catch (IllegalArgumentException | IOException e) {
                sb.append('?');
            }
        });
        return sb.toString();
    }

    /** WenQuanYi Micro Hei, the first font of the bundled collection, parsed once per JVM. */
    private static final class FontHolder {
        static final TrueTypeFont FONT = load();

        private static TrueTypeFont load() {
            try (InputStream in = CertificatePdf.class.getResourceAsStream("/fonts/wqy-microhei.ttc")) {
                if (in == null) {
                    throw new IllegalStateException("/fonts/wqy-microhei.ttc is not on the classpath");
                }
                // Kept open for the JVM's lifetime: the fonts read their tables from it on demand.
                TrueTypeCollection collection = new TrueTypeCollection(in);
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(f -> {
                    if (first[0] == null) {
                        first[0] = f;
                    }
                });
                if (first[0] == null) {
                    throw new IllegalStateException("/fonts/wqy-microhei.ttc holds no font");
                }
                return first[0];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
