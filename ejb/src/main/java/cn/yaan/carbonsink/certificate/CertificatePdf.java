package cn.yaan.carbonsink.certificate;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.TimeZone;

/**
 * A certificate as a person prints, frames or forwards it: one A4 page inside a double border, the issuer above a
 * bilingual title, the certificate's facts as a table, its serial numbers, the QR code (50 mm, read by a phone from
 * paper) with the short verification address, and a drawn seal-style mark of the issuer with the date. A revoked
 * certificate carries a diagonal watermark and a line saying when and why. The document's metadata names the
 * certificate, its issuer and its date.
 */
public final class CertificatePdf {

    static final int MAX_SERIAL_LINES = 20;
    static final String FOOTER = "扫描二维码或访问上述地址验证本证书 / Scan the QR code or open the address to verify";
    static final String ATTESTATION_ZH = "兹证明下列碳汇单位已在雅安森林碳汇登记簿中注销，永久不再转让。";
    static final String ATTESTATION_EN = "The units below are retired in the Ya'an forest carbon-sink registry and can "
            + "never be sold again.";

    private static final float MM = 72f / 25.4f;
    private static final float BORDER = 10 * MM;
    private static final float MARGIN = 22 * MM;
    private static final float QR_SIZE = 52 * MM;
    private static final float SEAL_RADIUS = 22 * MM;
    private static final Color GREEN = new Color(0x2e, 0x7d, 0x32);
    private static final Color INK = new Color(0x1f, 0x29, 0x33);
    private static final Color MUTED = new Color(0x52, 0x60, 0x6d);
    private static final Color SEAL_RED = new Color(0xc6, 0x28, 0x28);

    private CertificatePdf() {
    }

    public static byte[] render(PdfContent content) {
        // The shared TrueTypeFont reads its tables lazily and without locking; one render at a time.
        synchronized (DocumentFont.pdf()) {
            try (PDDocument document = new PDDocument()) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                describe(document, content);
                // PDType0Font belongs to one document; the parsed font behind it is shared.
                PDFont font = PDType0Font.load(document, DocumentFont.pdf(), true);
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

    /** Title, issuer, subject, keywords and date in the document's information dictionary. */
    private static void describe(PDDocument document, PdfContent c) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(c.titleZh() + " " + c.number());
        info.setSubject(c.titleEn());
        info.setAuthor(c.issuer());
        info.setCreator(c.issuer());
        info.setKeywords(c.number());
        Calendar issued = new GregorianCalendar(TimeZone.getTimeZone(ZoneOffset.ofHours(8)));
        issued.clear();
        issued.set(c.issuedOn().getYear(), c.issuedOn().getMonthValue() - 1, c.issuedOn().getDayOfMonth());
        info.setCreationDate(issued);
    }

    private static void draw(PDPageContentStream cs, PDFont font, PDImageXObject qr, PdfContent c, PDRectangle box)
            throws IOException {
        float width = box.getWidth();
        float height = box.getHeight();
        frame(cs, width, height);

        float y = height - MARGIN - 4;
        cs.setNonStrokingColor(MUTED);
        centered(cs, font, 12, width, y, c.issuer());
        y -= 40;
        cs.setNonStrokingColor(GREEN);
        centered(cs, font, 30, width, y, c.titleZh());
        y -= 24;
        centered(cs, font, 14, width, y, c.titleEn());
        y -= 22;
        cs.setNonStrokingColor(MUTED);
        centered(cs, font, 11, width, y, "证书编号 No. " + c.number());
        y -= 14;
        cs.setStrokingColor(GREEN);
        cs.setLineWidth(0.8f);
        cs.moveTo(MARGIN, y);
        cs.lineTo(width - MARGIN, y);
        cs.stroke();
        y -= 26;
        if (c.serialRanges() != null && !c.serialRanges().isEmpty()) {
            // Said only where it is true: a duty fulfilled by planting retires no units.
            cs.setNonStrokingColor(INK);
            centered(cs, font, 12, width, y, ATTESTATION_ZH);
            y -= 16;
            centered(cs, font, 10, width, y, ATTESTATION_EN);
            y -= 10;
        }
        y -= 26;

        if (c.revoked() != null) {
            cs.setNonStrokingColor(SEAL_RED);
            String on = DateTimeFormatter.ISO_LOCAL_DATE.format(c.revoked().on());
            DocumentFont.left(cs, font, 12, MARGIN, y, width - 2 * MARGIN, "本证书已于 " + on + " 撤销 / Revoked on " + on + ": "
                    + c.revoked().reason());
            y -= 26;
        }

        float labelX = MARGIN + 4 * MM;
        float valueX = MARGIN + 58 * MM;
        for (PdfContent.Line line : c.facts()) {
            cs.setNonStrokingColor(MUTED);
            DocumentFont.left(cs, font, 10.5f, labelX, y, valueX - labelX - 3 * MM, line.label());
            cs.setNonStrokingColor(INK);
            DocumentFont.left(cs, font, 16, valueX, y, width - MARGIN - valueX, line.value());
            y -= 30;
        }

        List<String> lines = serialLines(c.serialRanges() == null ? List.of() : c.serialRanges());
        if (!lines.isEmpty()) {
            y -= 4;
            cs.setNonStrokingColor(MUTED);
            DocumentFont.left(cs, font, 10.5f, labelX, y, width - 2 * MARGIN, "碳汇单位序列号 / Serial numbers of the units");
            y -= 15;
            cs.setNonStrokingColor(INK);
            float column = (width - 2 * MARGIN - 4 * MM) / 2;
            int perColumn = (lines.size() + 1) / 2;
            for (int i = 0; i < lines.size(); i++) {
                float x = labelX + (i < perColumn ? 0 : column);
                float rowY = y - (i % perColumn) * 11;
                DocumentFont.left(cs, font, 8, x, rowY, column - 3 * MM, lines.get(i));
            }
        }

        float footerY = BORDER + 9 * MM;
        float urlY = footerY + 16;
        float captionY = urlY + 13;
        float qrY = captionY + 10;
        float qrX = MARGIN + 4 * MM;
        cs.drawImage(qr, qrX, qrY, QR_SIZE, QR_SIZE);
        float sealX = width - MARGIN - SEAL_RADIUS - 8 * MM;
        cs.setNonStrokingColor(INK);
        float textWidth = sealX - SEAL_RADIUS - 6 * MM - qrX;
        DocumentFont.left(cs, font, 10, qrX, captionY, textWidth, "扫码验证 / Scan to verify");
        DocumentFont.left(cs, font, 10, qrX, urlY, textWidth, c.shortUrl());

        float sealY = qrY + QR_SIZE / 2 + 6;
        seal(cs, font, sealX, sealY, c.issuer());
        cs.setNonStrokingColor(INK);
        String date = DateTimeFormatter.ISO_LOCAL_DATE.format(c.issuedOn());
        DocumentFont.centeredAt(cs, font, 11, sealX, sealY - SEAL_RADIUS - 18, "签发日期 / Issued on " + date, 70 * MM);

        cs.setNonStrokingColor(MUTED);
        centered(cs, font, 8.5f, width, footerY, FOOTER);

        if (c.revoked() != null) {
            watermark(cs, font, width, height, DateTimeFormatter.ISO_LOCAL_DATE.format(c.revoked().on()));
        }
    }

    /** A double border: a strong outer line and a fine inner one. */
    private static void frame(PDPageContentStream cs, float width, float height) throws IOException {
        cs.setStrokingColor(GREEN);
        cs.setLineWidth(3f);
        cs.addRect(BORDER, BORDER, width - 2 * BORDER, height - 2 * BORDER);
        cs.stroke();
        float inner = BORDER + 3 * MM;
        cs.setLineWidth(0.8f);
        cs.addRect(inner, inner, width - 2 * inner, height - 2 * inner);
        cs.stroke();
    }

    /**
     * A round seal-style mark in red: a double ring, the issuer's name along the upper arc and a five-pointed star
     * in the middle. It marks the page as the issuer's; what makes the certificate genuine is the signature in its
     * QR code.
     */
    private static void seal(PDPageContentStream cs, PDFont font, float cx, float cy, String issuer)
            throws IOException {
        cs.setStrokingColor(SEAL_RED);
        cs.setNonStrokingColor(SEAL_RED);
        cs.setLineWidth(2.2f);
        circle(cs, cx, cy, SEAL_RADIUS);
        cs.stroke();
        cs.setLineWidth(0.6f);
        circle(cs, cx, cy, SEAL_RADIUS - 2.2f * MM);
        cs.stroke();

        String name = DocumentFont.printable(font, issuer);
        int[] codePoints = name.codePoints().toArray();
        float size = codePoints.length > 14 ? 8 : 10;
        double span = Math.min(220, 18.0 * codePoints.length);
        float textRadius = SEAL_RADIUS - 2.2f * MM - size - 1;
        for (int i = 0; i < codePoints.length; i++) {
            double angle = Math.toRadians(90 + span / 2 - (codePoints.length == 1 ? span / 2
                    : span * i / (codePoints.length - 1)));
            String glyph = new String(Character.toChars(codePoints[i]));
            float half = DocumentFont.width(font, size, glyph) / 2;
            double rotation = angle - Math.PI / 2;
            float x = (float) (cx + textRadius * Math.cos(angle) - half * Math.cos(rotation));
            float y = (float) (cy + textRadius * Math.sin(angle) - half * Math.sin(rotation));
            cs.beginText();
            cs.setFont(font, size);
            cs.setTextMatrix(Matrix.getRotateInstance(rotation, x, y));
            cs.showText(glyph);
            cs.endText();
        }
        star(cs, cx, cy - 2 * MM, 6.5f * MM);
        cs.fill();
    }

    private static void circle(PDPageContentStream cs, float cx, float cy, float r) throws IOException {
        float k = 0.5523f * r;
        cs.moveTo(cx + r, cy);
        cs.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        cs.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        cs.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        cs.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        cs.closePath();
    }

    private static void star(PDPageContentStream cs, float cx, float cy, float r) throws IOException {
        for (int i = 0; i < 10; i++) {
            double angle = Math.toRadians(90 + 36 * i);
            float radius = i % 2 == 0 ? r : r * 0.382f;
            float x = (float) (cx + radius * Math.cos(angle));
            float y = (float) (cy + radius * Math.sin(angle));
            if (i == 0) {
                cs.moveTo(x, y);
            } else {
                cs.lineTo(x, y);
            }
        }
        cs.closePath();
    }

    /** Large, diagonal and translucent across the page: 已撤销 REVOKED and the date. */
    private static void watermark(PDPageContentStream cs, PDFont font, float width, float height, String on)
            throws IOException {
        PDExtendedGraphicsState translucent = new PDExtendedGraphicsState();
        translucent.setNonStrokingAlphaConstant(0.22f);
        cs.saveGraphicsState();
        cs.setGraphicsStateParameters(translucent);
        cs.setNonStrokingColor(SEAL_RED);
        String text = "已撤销 REVOKED " + on;
        double rotation = Math.toRadians(35);
        // As large as fits the page's diagonal, between the borders.
        float size = (float) Math.min(44, (height - 2 * BORDER) * 0.7 / Math.sin(rotation) / DocumentFont.width(font, 1, text)
                * Math.min(1, (width - 2 * BORDER) / ((height - 2 * BORDER) / Math.tan(rotation))));
        float half = DocumentFont.width(font, size, text) / 2;
        float x = (float) (width / 2 - half * Math.cos(rotation));
        float y = (float) (height / 2 - half * Math.sin(rotation));
        cs.beginText();
        cs.setFont(font, size);
        cs.setTextMatrix(Matrix.getRotateInstance(rotation, x, y));
        cs.showText(text);
        cs.endText();
        cs.restoreGraphicsState();
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

    private static void centered(PDPageContentStream cs, PDFont font, float size, float pageWidth, float y,
                                 String text) throws IOException {
        DocumentFont.centeredAt(cs, font, size, pageWidth / 2, y, text, pageWidth - 2 * MARGIN);
    }
}
