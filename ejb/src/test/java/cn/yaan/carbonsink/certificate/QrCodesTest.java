package cn.yaan.carbonsink.certificate;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.HostileImages;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class QrCodesTest {

    /** Without the read-back check about one in twenty of these failed to decode (ZXing's own detector). */
    @Test
    void everyCodeReadsBackWithZxingsDetector() throws Exception {
        Random random = new Random(1);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[100];
            random.nextBytes(bytes);
            String url = "https://carbonsink.example.cn/v/R-2026-EP0X-064K-J#" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            byte[] png = QrCodes.png(url, 360);
            // Made again (a second download): the remembered mask gives the same symbol, so it reads back too.
            assertThat(QrCodes.png(url, 360)).as("code " + i + " made again").isEqualTo(png);
            var image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                    .getText()).as("code " + i).isEqualTo(url);
            assertThat(QrCodes.version(url)).isLessThanOrEqualTo(10);
        }
    }

    @Test
    void anUploadThatWouldCostTooMuchToDecodeIsRefusedAsBadInput() throws Exception {
        for (byte[] upload : new byte[][]{HostileImages.manyScans(1000, 1000, 1000),
                HostileImages.write(HostileImages.picture(1500, 1500, BufferedImage.TYPE_USHORT_GRAY), "png")}) {
            BusinessException e = catchThrowableOfType(BusinessException.class, () -> QrCodes.decode(upload));
            assertThat(e.kind()).isEqualTo(BusinessException.Kind.INVALID);
            assertThat(e.fieldErrors()).singleElement().satisfies(f -> assertThat(f.field()).isEqualTo("image"));
        }
    }

    @Test
    void aCodeInAPhotoIsFound() throws Exception {
        BufferedImage photo = HostileImages.picture(3000, 2000, BufferedImage.TYPE_INT_RGB);
        var g = photo.createGraphics();
        g.drawImage(ImageIO.read(new ByteArrayInputStream(QrCodes.png("https://example.org/v/X", 900))), 1000, 500, null);
        g.dispose();
        assertThat(QrCodes.decode(HostileImages.write(photo, "jpeg"))).isEqualTo("https://example.org/v/X");
    }
}
