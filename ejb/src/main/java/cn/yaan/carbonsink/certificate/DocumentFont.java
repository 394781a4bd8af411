package cn.yaan.carbonsink.certificate;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDFont;

import javax.imageio.ImageIO;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * The Chinese font of every document the platform draws (certificates, tickets): WenQuanYi Micro Hei, the first
 * font of the bundled collection, parsed once per JVM for PDFBox and once for Java 2D, and the text helpers the PDFs
 * share (characters the font lacks become '?', long lines shrink to fit).
 */
final class DocumentFont {

    static final String RESOURCE = "/fonts/wqy-microhei.ttc";

    private DocumentFont() {
    }

    /**
     * The font for PDFBox. It reads its tables lazily and without locking: render with it inside
     * {@code synchronized (DocumentFont.pdf())}.
     */
    static TrueTypeFont pdf() {
        return PdfHolder.FONT;
    }

    /** The font for Java 2D, at this size in pixels. */
    static Font awt(float size) {
        return AwtHolder.FONT.deriveFont(size);
    }

    /** A PNG of this size, drawn by {@code draw} with smooth shapes and text. */
    static byte[] png(int width, int height, Consumer<Graphics2D> draw) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            draw.accept(g);
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "PNG", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line centred across an image of this width, shrunk to fit between its margins. */
    static void centred(Graphics2D g, float size, int imageWidth, int margin, int baseline, String text) {
        String safe = printable(text);
        g.setFont(fitted(g, size, imageWidth - 2 * margin, safe));
        g.drawString(safe, (imageWidth - g.getFontMetrics().stringWidth(safe)) / 2, baseline);
    }

    /** A line drawn on an image from x, shrunk to fit maxWidth. */
    static void left(Graphics2D g, float size, int x, int baseline, int maxWidth, String text) {
        String safe = printable(text);
        g.setFont(fitted(g, size, maxWidth, safe));
        g.drawString(safe, x, baseline);
    }

    private static Font fitted(Graphics2D g, float size, int maxWidth, String text) {
        Font font = awt(size);
        int width = g.getFontMetrics(font).stringWidth(text);
        return width <= maxWidth ? font : font.deriveFont(size * maxWidth / width);
    }

    /** Null as empty, control characters as spaces, characters the Java 2D font lacks as '?'. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> sb.appendCodePoint(Character.isISOControl(cp) ? ' '
                : AwtHolder.FONT.canDisplay(cp) ? cp : '?'));
        return sb.toString();
    }

    /** A line from x, shrunk to fit maxWidth. */
    static void left(PDPageContentStream cs, PDFont font, float size, float x, float y, float maxWidth, String text)
            throws IOException {
        String safe = printable(font, text);
        show(cs, font, fit(font, size, maxWidth, safe), x, y, safe);
    }

    /** A line centred on centreX, shrunk to fit maxWidth. */
    static void centeredAt(PDPageContentStream cs, PDFont font, float size, float centreX, float y, String text,
                           float maxWidth) throws IOException {
        String safe = printable(font, text);
        float fitted = fit(font, size, maxWidth, safe);
        show(cs, font, fitted, centreX - width(font, fitted, safe) / 2, y, safe);
    }

    static void show(PDPageContentStream cs, PDFont font, float size, float x, float y, String text)
            throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(text);
        cs.endText();
    }

    /** Shrinks the font size until the line fits; long lines never run off the page. */
    static float fit(PDFont font, float size, float maxWidth, String text) throws IOException {
        float w = width(font, size, text);
        return w <= maxWidth ? size : size * maxWidth / w;
    }

    static float width(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** Null as empty, control characters as spaces, characters the font lacks as '?'. */
    static String printable(PDFont font, String text) {
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

    private static InputStream open() {
        InputStream in = DocumentFont.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath");
        }
        return in;
    }

    private static final class PdfHolder {
        static final TrueTypeFont FONT = load();

        private static TrueTypeFont load() {
            try (InputStream in = open()) {
                // Kept open for the JVM's lifetime: the fonts read their tables from it on demand.
                TrueTypeCollection collection = new TrueTypeCollection(in);
                TrueTypeFont[] first = new TrueTypeFont[1];
                collection.processAllFonts(f -> {
                    if (first[0] == null) {
                        first[0] = f;
                    }
                });
                if (first[0] == null) {
                    throw new IllegalStateException(RESOURCE + " holds no font");
                }
                return first[0];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class AwtHolder {
        static final Font FONT = load();

        private static Font load() {
            try (InputStream in = open()) {
                Font[] fonts = Font.createFonts(in);
                if (fonts.length == 0) {
                    throw new IllegalStateException(RESOURCE + " holds no font");
                }
                return fonts[0];
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (FontFormatException e) {
                throw new IllegalStateException(RESOURCE + " is not a font collection Java 2D reads", e);
            }
        }
    }
}
