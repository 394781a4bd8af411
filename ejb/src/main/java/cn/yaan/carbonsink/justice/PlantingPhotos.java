package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.shared.ImageUploads;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;

/**
 * Photos of a planting, stored safely: whatever was uploaded is decoded (PNG or JPEG only, by {@link ImageUploads},
 * which checks the cost from the header before decoding), scaled to at most {@link #MAX_SIDE} pixels on its long
 * side and written again as a plain JPEG. Nothing of the upload but its pixels survives: no EXIF (the phone's GPS
 * position and serial number), no comments, no appended bytes, no script pretending to be an image.
 */
public final class PlantingPhotos {

    public static final long MAX_PIXELS = 40_000_000L;
    public static final int MAX_SIDE = 1600;
    /** A camera's photo; decoded at about 6 megapixels at most, still more than the {@link #MAX_SIDE} kept. */
    private static final ImageUploads.Limits UPLOAD = new ImageUploads.Limits("photo", Set.of("png", "jpeg"),
            MAX_PIXELS, 4 * MAX_PIXELS, 6_000_000L);

    private PlantingPhotos() {
    }

    public record Photo(byte[] jpeg, int width, int height) {
    }

    public static Photo reencode(byte[] upload) {
        BufferedImage picture = ImageUploads.read(upload, UPLOAD);
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(picture.getWidth(), picture.getHeight()));
        int width = Math.max(1, (int) Math.round(picture.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(picture.getHeight() * scale));
        BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.drawImage(picture, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return new Photo(jpeg(rgb), width, height);
    }

    private static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.85f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write a JPEG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
