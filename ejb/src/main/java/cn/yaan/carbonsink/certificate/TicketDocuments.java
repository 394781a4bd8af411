package cn.yaan.carbonsink.certificate;

import cn.yaan.carbonsink.shared.AppClock;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.Color;
import java.awt.Graphics2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;

/**
 * A visit ticket to keep: a phone-sized PNG to save to the photo album, and an A6 PDF to print. Both bilingual (the
 * gate staff and the visitor may read either language), both with the same lines: the site, the slot in China
 * Standard Time, the party's size, the booking number, and the ticket's QR code large enough for the gate's camera.
 */
public final class TicketDocuments {

    /** The PNG's size: a phone screen's proportions (9:16), sharp on a high-density screen. */
    static final int PNG_WIDTH = 720;
    private static final int PNG_MARGIN = 32;
    static final int PNG_HEIGHT = 1280;
    private static final int PNG_QR = 560;

    private static final float MM = 72f / 25.4f;
    private static final float PDF_MARGIN = 8 * MM;
    private static final float PDF_QR = 70 * MM;

    private static final Color GREEN = new Color(0x2e, 0x7d, 0x32);
    private static final Color INK = new Color(0x1f, 0x29, 0x33);
    private static final Color MUTED = new Color(0x52, 0x60, 0x6d);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(AppClock.ZONE);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(AppClock.ZONE);

    static final String TITLE = "电子门票 · E-ticket";
    static final String HINT = "入园时出示二维码，每张门票只能入园一次 / Show the code at the gate; it admits once";

    private TicketDocuments() {
    }

    /** The lines under the site's names, the same on the image and the page. */
    static String[] lines(TicketCard t) {
        return new String[]{
                "时段 Slot  " + DAY.format(t.slotStart()) + " " + CLOCK.format(t.slotStart()) + "–"
                        + CLOCK.format(t.slotEnd()),
                "人数 Visitors  " + t.partySize(),
                "预约号 Booking  " + t.bookingNo()};
    }

    public static byte[] png(TicketCard t) {
        return DocumentFont.png(PNG_WIDTH, PNG_HEIGHT, g -> draw(g, t));
    }

    private static void draw(Graphics2D g, TicketCard t) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, PNG_WIDTH, PNG_HEIGHT);
        g.setColor(GREEN);
        g.fillRect(0, 0, PNG_WIDTH, 120);
        g.setColor(Color.WHITE);
        DocumentFont.centred(g, 44, PNG_WIDTH, PNG_MARGIN, 78, TITLE);
        g.setColor(INK);
        DocumentFont.centred(g, 48, PNG_WIDTH, PNG_MARGIN, 200, t.siteZh());
        g.setColor(MUTED);
        DocumentFont.centred(g, 30, PNG_WIDTH, PNG_MARGIN, 248, t.siteEn());
        g.setColor(INK);
        int y = 320;
        for (String line : lines(t)) {
            DocumentFont.centred(g, 32, PNG_WIDTH, PNG_MARGIN, y, line);
            y += 52;
        }
        // The QR code's own quiet zone is white on white; the gate's camera needs no frame.
        g.drawImage(QrCodes.image(t.qrText(), PNG_QR), (PNG_WIDTH - PNG_QR) / 2, 470, PNG_QR, PNG_QR, null);
        g.setColor(MUTED);
        DocumentFont.centred(g, 22, PNG_WIDTH, PNG_MARGIN, PNG_HEIGHT - 60, HINT);
    }

    public static byte[] pdf(TicketCard t) {
        synchronized (DocumentFont.pdf()) {
            try (PDDocument document = new PDDocument()) {
                PDPage page = new PDPage(PDRectangle.A6);
                document.addPage(page);
                PDDocumentInformation info = document.getDocumentInformation();
                info.setTitle(TITLE + " " + t.bookingNo());
                info.setCreator(CertificateService.issuer());
                PDFont font = PDType0Font.load(document, DocumentFont.pdf(), true);
                PDImageXObject qr = LosslessFactory.createFromImage(document, QrCodes.image(t.qrText(), 600));
                float width = page.getMediaBox().getWidth();
                float height = page.getMediaBox().getHeight();
                float room = width - 2 * PDF_MARGIN;
                float centre = width / 2;
                try (PDPageContentStream cs = new PDPageContentStream(document, page)) {
                    cs.setNonStrokingColor(GREEN);
                    cs.addRect(0, height - 16 * MM, width, 16 * MM);
                    cs.fill();
                    cs.setNonStrokingColor(Color.WHITE);
                    DocumentFont.centeredAt(cs, font, 14, centre, height - 10.5f * MM, TITLE, room);
                    float y = height - 25 * MM;
                    cs.setNonStrokingColor(INK);
                    DocumentFont.centeredAt(cs, font, 15, centre, y, t.siteZh(), room);
                    y -= 14;
                    cs.setNonStrokingColor(MUTED);
                    DocumentFont.centeredAt(cs, font, 10, centre, y, t.siteEn(), room);
                    y -= 20;
                    cs.setNonStrokingColor(INK);
                    for (String line : lines(t)) {
                        DocumentFont.centeredAt(cs, font, 10.5f, centre, y, line, room);
                        y -= 15;
                    }
                    cs.drawImage(qr, centre - PDF_QR / 2, y - PDF_QR, PDF_QR, PDF_QR);
                    cs.setNonStrokingColor(MUTED);
                    DocumentFont.centeredAt(cs, font, 7, centre, PDF_MARGIN, HINT, room);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                document.save(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot render the ticket of " + t.bookingNo(), e);
            }
        }
    }
}
