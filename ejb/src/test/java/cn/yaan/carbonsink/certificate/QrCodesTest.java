package cn.yaan.carbonsink.certificate;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

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
}
