package cn.yaan.carbonsink.shared;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Hostile images ({@link HostileImages}) are refused from their headers before any pixel is decoded; ordinary ones
 * are read, large ones subsampled.
 */
class ImageUploadsTest {

    static final ImageUploads.Limits LIMITS = new ImageUploads.Limits("image", Set.of("png", "jpeg", "gif", "bmp"),
            16_000_000L, 64_000_000L, 4_000_000L);

    private static BusinessException refused(byte[] upload) {
        BusinessException e = catchThrowableOfType(BusinessException.class, () -> ImageUploads.read(upload, LIMITS));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.kind()).isEqualTo(BusinessException.Kind.INVALID);
        assertThat(e.fieldErrors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("image"));
        return e;
    }

    @Test
    void ordinaryImagesAreRead() throws IOException {
        for (String format : new String[]{"png", "jpeg", "gif", "bmp"}) {
            BufferedImage read = ImageUploads.read(HostileImages.write(HostileImages.picture(300, 200, BufferedImage.TYPE_INT_RGB), format), LIMITS);
            assertThat(read.getWidth()).as(format).isEqualTo(300);
            assertThat(read.getHeight()).as(format).isEqualTo(200);
        }
        BufferedImage progressive = ImageUploads.read(HostileImages.progressiveJpeg(640, 480), LIMITS);
        assertThat(progressive.getWidth()).isEqualTo(640);
        assertThat(new Color(progressive.getRGB(320, 240)).getRed()).isGreaterThan(200);
    }

    @Test
    void aLargeImageIsDecodedSubsampled() throws IOException {
        BufferedImage read = ImageUploads.read(HostileImages.write(HostileImages.picture(4000, 3000, BufferedImage.TYPE_INT_RGB), "jpeg"), LIMITS);
        assertThat((long) read.getWidth() * read.getHeight()).isLessThanOrEqualTo(LIMITS.decodedPixels());
        assertThat(read.getWidth()).isEqualTo(2000);
    }

    @Test
    void aJpegWithAThousandScansIsRefusedFromItsMarkers() throws IOException {
        byte[] bomb = HostileImages.manyScans(1000, 1000, 1000);
        assertThat(ImageUploads.JpegHeader.scans(bomb)).isEqualTo(1010);
        assertThat(refused(bomb).getMessage()).contains("1010 progressive scans", "at most 64");
    }

    @Test
    void aProgressiveJpegIsReadOnlyWhileItsScansTimesItsPixelsStayWithinTheBudget() throws IOException {
        assertThat(ImageUploads.JpegHeader.scans(HostileImages.progressiveJpeg(100, 100))).isEqualTo(10);
        // 30 scans of 4 megapixels: 120 million pixel decodes, above the 64 million allowed.
        byte[] costly = HostileImages.manyScans(2000, 2000, 20);
        assertThat(refused(costly).getMessage()).contains("30 scans", "baseline");
    }

    @Test
    void aSixteenBitPngIsRefusedFromItsHeader() throws IOException {
        byte[] png = HostileImages.write(HostileImages.picture(2000, 2000, BufferedImage.TYPE_USHORT_GRAY), "png");
        assertThat(png[24]).as("bit depth").isEqualTo((byte) 16);
        assertThat(refused(png).getMessage()).contains("16 bits");
    }

    @Test
    void tooManyPixelsOrAnAbsurdSideAreRefusedFromTheHeader() throws IOException {
        byte[] bomb = HostileImages.write(new BufferedImage(5_000, 5_000, BufferedImage.TYPE_BYTE_BINARY), "png");
        assertThat(bomb.length).isLessThan(100_000);
        assertThat(refused(bomb).getMessage()).contains("5000 x 5000 pixels");
        assertThat(refused(HostileImages.write(new BufferedImage(30_000, 2, BufferedImage.TYPE_BYTE_BINARY), "png")).getMessage())
                .contains("on a side");
    }

    @Test
    void whatIsNotAnAcceptedImageIsRefused() throws IOException {
        assertThat(refused(new byte[0]).getMessage()).contains("Send the image");
        assertThat(refused("<svg/>".getBytes()).getMessage()).contains("BMP, GIF, JPEG or PNG");
        byte[] png = HostileImages.write(HostileImages.picture(50, 50, BufferedImage.TYPE_INT_RGB), "png");
        assertThat(refused(java.util.Arrays.copyOf(png, 40)).getMessage()).contains("damaged");
        ImageUploads.Limits photos = new ImageUploads.Limits("photo", Set.of("png", "jpeg"), 1, 1, 1);
        BusinessException gif = catchThrowableOfType(BusinessException.class,
                () -> ImageUploads.read(HostileImages.write(HostileImages.picture(5, 5, BufferedImage.TYPE_INT_RGB), "gif"), photos));
        assertThat(gif.getMessage()).contains("JPEG or PNG");
    }

    @Test
    void aDecodeThatOutrunsItsTimeIsAborted() throws IOException {
        byte[] png = HostileImages.write(HostileImages.picture(1000, 1000, BufferedImage.TYPE_INT_RGB), "png");
        BusinessException e = catchThrowableOfType(BusinessException.class,
                () -> ImageUploads.read(png, LIMITS, Duration.ZERO));
        assertThat(e.getMessage()).contains("too long");
    }
}
