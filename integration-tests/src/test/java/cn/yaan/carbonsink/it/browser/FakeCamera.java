package cn.yaan.carbonsink.it.browser;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * What Chromium's camera sees in a test: a QR code held up to it, as one grey-scale frame of a Y4M video
 * ({@code --use-file-for-fake-video-capture}), which Chromium plays in a loop to every page asking for a camera.
 */
final class FakeCamera {

    private static final int SIZE = 480;

    private FakeCamera() {
    }

    /** A video file showing the QR code of the text, black on white, at error correction M. */
    static Path showing(String text) {
        try {
            BitMatrix qr = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, SIZE, SIZE,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            byte[] luma = new byte[SIZE * SIZE];
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    luma[y * SIZE + x] = (byte) (qr.get(x, y) ? 16 : 235);
                }
            }
            byte[] chroma = new byte[SIZE * SIZE / 4];
            Arrays.fill(chroma, (byte) 128);
            Path file = Files.createTempFile("camera", ".y4m");
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(("YUV4MPEG2 W" + SIZE + " H" + SIZE + " F10:1 Ip A1:1 C420jpeg\n").getBytes(StandardCharsets.US_ASCII));
                out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
                out.write(luma);
                out.write(chroma);
                out.write(chroma);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (WriterException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
