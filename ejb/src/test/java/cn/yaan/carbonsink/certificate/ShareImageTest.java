package cn.yaan.carbonsink.certificate;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShareImageTest {

    private static BufferedImage read(byte[] png) throws Exception {
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    /** Pixels in the rectangle that are clearly red (the revoked stamp's colour), not green, grey or black. */
    private static int red(BufferedImage image, int x0, int y0, int x1, int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
                if (r > 150 && g < 120 && b < 120) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Pixels in the rectangle darker than the background: something is written there. */
    private static int ink(BufferedImage image, int x0, int y0, int x1, int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff) < 450) {
                    count++;
                }
            }
        }
        return count;
    }

    @Test
    void aPhoneSizedPictureWithChineseTextAndAQrCodeThatReadsBack() throws Exception {
        PdfContent content = CertificatePdfTest.content(List.of("YA-FM-01-2023-0000000001"));
        byte[] png = ShareImage.render(content);
        BufferedImage image = read(png);
        assertThat(image.getWidth()).isEqualTo(1080);
        assertThat(image.getHeight()).isEqualTo(1920);
        assertThat(QrCodes.decode(png)).isEqualTo(content.qrUrl());
        // The embedded font has the Chinese glyphs (none becomes '?'), and the title line is drawn.
        assertThat(DocumentFont.printable("碳汇认购证书 雅安市林业局 张*")).isEqualTo("碳汇认购证书 雅安市林业局 张*");
        assertThat(ink(image, 90, 200, 990, 290)).as("the Chinese title").isGreaterThan(2_000);
        assertThat(red(image, 100, 500, 980, 1000)).as("no revoked stamp").isZero();
    }

    @Test
    void aRevokedCertificatesPictureIsStampedAndItsQrCodeStillReads() throws Exception {
        PdfContent valid = CertificatePdfTest.content(List.of());
        PdfContent revoked = new PdfContent(valid.titleZh(), valid.titleEn(), valid.number(), valid.facts(),
                valid.serialRanges(), valid.issuer(), valid.issuedOn(), valid.qrPng(), valid.qrUrl(), valid.shortUrl(),
                new PdfContent.Revoked(LocalDate.of(2026, 4, 2), "judgment set aside"));
        byte[] png = ShareImage.render(revoked);
        assertThat(red(read(png), 100, 500, 980, 1000)).as("the revoked stamp").isGreaterThan(5_000);
        assertThat(QrCodes.decode(png)).isEqualTo(valid.qrUrl());
    }
}
