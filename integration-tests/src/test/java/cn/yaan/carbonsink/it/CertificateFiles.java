package cn.yaan.carbonsink.it;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading what the server sends of a certificate: the text of its PDF, the page as scanned, QR codes in pictures. */
public final class CertificateFiles {

    private CertificateFiles() {
    }

    /** The text a QR code in the picture holds (ZXing, trying hard). */
    public static String decodeQr(BufferedImage image) throws Exception {
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    /** The text of a certificate PDF, which is one A4 page. */
    public static String text(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            return new PDFTextStripper().getText(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first page of a PDF as an ordinary office scan sees it: 150 dpi. */
    public static BufferedImage at150Dpi(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFRenderer(document).renderImageWithDPI(0, 150);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the QR code of a certificate PDF says, read from the page at 150 dpi. */
    public static String qrOfPdf(byte[] pdf) throws Exception {
        return decodeQr(at150Dpi(pdf));
    }
}
