package cn.yaan.carbonsink.shared;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Images for the tests, ordinary and hostile, made with ImageIO and by rearranging a JPEG's segments. */
public final class HostileImages {

    private HostileImages() {
    }

    public static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(120, 130, 140));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return image;
    }

    public static byte[] write(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A progressive JPEG as ImageIO writes it (libjpeg's standard script: 10 scans for colour). */
    public static byte[] progressiveJpeg(int width, int height) throws IOException {
        return progressiveJpeg(picture(width, height, BufferedImage.TYPE_INT_RGB));
    }

    private static byte[] progressiveJpeg(BufferedImage picture) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(picture, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * The attack: a progressive JPEG of a flat grey picture whose last scan (a refinement of the luminance's
     * high frequencies, a dozen bytes when they are all zero) is repeated {@code extra} times before its end marker.
     * The file stays small; the decoder runs every copy over the whole picture.
     */
    public static byte[] manyScans(int width, int height, int extra) throws IOException {
        BufferedImage flat = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        g.setColor(new Color(120, 130, 140));
        g.fillRect(0, 0, width, height);
        g.dispose();
        byte[] jpeg = progressiveJpeg(flat);
        int last = -1;
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xDA) {
                last = i;
            }
        }
        int end = jpeg.length - 2; // the end-of-image marker
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, end);
        for (int i = 0; i < extra; i++) {
            out.write(jpeg, last, end - last);
        }
        out.write(jpeg, end, 2);
        return out.toByteArray();
    }
}
