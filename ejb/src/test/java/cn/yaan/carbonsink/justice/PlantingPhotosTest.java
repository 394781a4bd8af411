package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.HostileImages;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Only the pixels of an upload are kept: a plain JPEG, scaled down, without anything that came with it. */
class PlantingPhotosTest {

    static byte[] image(String format, int width, int height, int type) throws IOException {
        BufferedImage image = new BufferedImage(width, height, type);
        image.setRGB(0, 0, 0x8000ff00);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    @Test
    void aPngWithTransparencyAndAppendedScriptBecomesAPlainJpeg() throws IOException {
        byte[] png = image("png", 40, 30, BufferedImage.TYPE_INT_ARGB);
        byte[] upload = new byte[png.length + 30];
        System.arraycopy(png, 0, upload, 0, png.length);
        System.arraycopy("<script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII), 0, upload, png.length, 25);

        PlantingPhotos.Photo photo = PlantingPhotos.reencode(upload);
        assertThat(photo.width()).isEqualTo(40);
        assertThat(photo.height()).isEqualTo(30);
        assertThat(photo.jpeg()[0]).isEqualTo((byte) 0xFF);
        assertThat(photo.jpeg()[1]).isEqualTo((byte) 0xD8);
        assertThat(new String(photo.jpeg(), StandardCharsets.ISO_8859_1)).doesNotContain("script");
        assertThat(ImageIO.read(new ByteArrayInputStream(photo.jpeg())).getWidth()).isEqualTo(40);
    }

    @Test
    void aLargePhotoIsScaledToItsLongSide() throws IOException {
        PlantingPhotos.Photo photo = PlantingPhotos.reencode(image("jpg", 3200, 1000, BufferedImage.TYPE_INT_RGB));
        assertThat(photo.width()).isEqualTo(PlantingPhotos.MAX_SIDE);
        assertThat(photo.height()).isEqualTo(500);
    }

    @Test
    void anythingButAJpegOrPngIsRefused() throws IOException {
        assertThatThrownBy(() -> PlantingPhotos.reencode("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BusinessException.class).hasMessageContaining("JPEG or PNG");
        byte[] gif = image("gif", 10, 10, BufferedImage.TYPE_INT_RGB);
        assertThatThrownBy(() -> PlantingPhotos.reencode(gif)).isInstanceOf(BusinessException.class);
        assertThatThrownBy(() -> PlantingPhotos.reencode(new byte[0])).isInstanceOf(BusinessException.class);
        byte[] png = image("png", 10, 10, BufferedImage.TYPE_INT_RGB);
        byte[] truncated = java.util.Arrays.copyOf(png, 30);
        assertThatThrownBy(() -> PlantingPhotos.reencode(truncated)).isInstanceOf(BusinessException.class);
    }

    @Test
    void aPhotoThatWouldCostTooMuchToDecodeIsRefusedFromItsHeader() throws IOException {
        byte[] scans = HostileImages.manyScans(1000, 1000, 1000);
        assertThatThrownBy(() -> PlantingPhotos.reencode(scans)).isInstanceOf(BusinessException.class)
                .hasMessageContaining("progressive scans");
        byte[] deep = HostileImages.write(HostileImages.picture(1500, 1500, BufferedImage.TYPE_USHORT_GRAY), "png");
        assertThatThrownBy(() -> PlantingPhotos.reencode(deep)).isInstanceOf(BusinessException.class)
                .hasMessageContaining("16 bits");
    }
}
