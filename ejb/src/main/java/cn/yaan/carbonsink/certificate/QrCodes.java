package cn.yaan.carbonsink.certificate;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.ImageUploads;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** QR codes of certificates with ZXing: PNG and SVG out, and the code found in an uploaded photo or screenshot. */
public final class QrCodes {

    /** Pixels an uploaded image may have (a 16-megapixel photo); more is refused before decoding. */
    public static final long MAX_PIXELS = 16_000_000L;
    /**
     * An upload to verify: a photo or screenshot of a code. A progressive JPEG may have four scans of the full 16
     * megapixels (or ten of 6); 4 megapixels decoded are plenty to find a code that fills a good part of the picture.
     */
    private static final ImageUploads.Limits UPLOAD = new ImageUploads.Limits("image",
            Set.of("png", "jpeg", "gif", "bmp"), MAX_PIXELS, 4 * MAX_PIXELS, 4_000_000L);

    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name(),
            EncodeHintType.MARGIN, 4);

    /** ZXing's own choice of mask (the one with the lowest penalty). */
    private static final int DEFAULT_MASK = -1;
    private static final int MAX_REMEMBERED = 10_000;
    private static final Map<String, Integer> MASKS = new ConcurrentHashMap<>();

    private QrCodes() {
    }

    /** The QR version ZXing chooses for the text at error correction M (1 to 40). */
    public static int version(String text) {
        try {
            return Encoder.encode(text, ErrorCorrectionLevel.M, HINTS).getVersion().getVersionNumber();
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * The QR code of the text, checked by decoding it back: for about one text in twenty the mask ZXing chooses
     * gives a symbol its own detector cannot read (measured on random payloads), so then the other masks are
     * tried until one reads back. The mask that read is remembered per text and size, so a certificate's code is
     * decoded back once, not on every download.
     */
    static BitMatrix matrix(String text, int size) {
        String key = size + "\n" + text;
        Integer known = MASKS.get(key);
        if (known != null) {
            return encode(text, size, known);
        }
        int mask = DEFAULT_MASK;
        BitMatrix matrix = encode(text, size, mask);
        while (!readsBack(matrix, text) && mask < 7) {
            matrix = encode(text, size, ++mask);
        }
        if (MASKS.size() >= MAX_REMEMBERED) {
            MASKS.clear();
        }
        MASKS.put(key, mask);
        return matrix;
    }

    private static BitMatrix encode(String text, int size, int mask) {
        Map<EncodeHintType, Object> hints = HINTS;
        if (mask != DEFAULT_MASK) {
            hints = new EnumMap<>(HINTS);
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static boolean readsBack(BitMatrix matrix, String text) {
        BitMatrix scaled = matrix.getWidth() >= 100 ? matrix : scale(matrix, 4);
        try {
            return text.equals(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(MatrixToImageWriter.toBufferedImage(scaled))))).getText());
        } catch (ReaderException e) {
            return false;
        }
    }

    private static BitMatrix scale(BitMatrix m, int factor) {
        BitMatrix scaled = new BitMatrix(m.getWidth() * factor, m.getHeight() * factor);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    scaled.setRegion(x * factor, y * factor, factor, factor);
                }
            }
        }
        return scaled;
    }

    /** The code as a black-on-white image of about {@code size} pixels a side, quiet zone included. */
    public static BufferedImage image(String text, int size) {
        return MatrixToImageWriter.toBufferedImage(matrix(text, size));
    }

    public static byte[] png(String text, int size) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix(text, size), "PNG", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One path of unit squares, scaled by the viewBox: small, sharp at any size. */
    public static String svg(String text) {
        BitMatrix m = matrix(text, 0);
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\""
                + path + "\" fill=\"#000\"/></svg>";
    }

    /**
     * The text of the QR code in an image (PNG, JPEG, GIF, BMP). 400 when the bytes are not such an image or would
     * cost too much to decode (see {@link ImageUploads}); 422 when no QR code is found.
     */
    public static String decode(byte[] image) {
        BufferedImage picture = ImageUploads.read(image, UPLOAD);
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(picture))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (NotFoundException e) {
            throw BusinessException.unprocessable("no-qr-code", "No QR code was found in the image. Hold the camera "
                    + "straight, fill the frame with the code and try again.");
        } catch (ReaderException e) {
            throw BusinessException.unprocessable("no-qr-code", "A QR code was found but could not be read. Try a "
                    + "sharper picture.");
        }
    }
}
