package cn.yaan.carbonsink.it.browser;

import cn.yaan.carbonsink.it.Api;
import cn.yaan.carbonsink.it.CertificateFiles;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a certificate looks like, next to the browser suite's screenshots: the first page of its PDF as an office
 * scanner sees it (150 dpi), and its share image. Both QR codes are read back from those pictures and must be the
 * certificate's address.
 */
public final class CertificateShots {

    private CertificateShots() {
    }

    public static void save(Api api, String number, String name) {
        String verifyUrl = api.get("/api/v1/public/certificates/" + number).json().getString("verifyUrl");
        Api.Reply pdf = api.get("/api/v1/public/certificates/" + number + "/pdf");
        assertThat(pdf.status()).as(pdf.toString()).isEqualTo(200);
        BufferedImage page = CertificateFiles.at150Dpi(pdf.bytes());
        Api.Reply share = api.get("/api/v1/public/certificates/" + number + "/share.png");
        assertThat(share.status()).as(share.toString()).isEqualTo(200);
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("it.screenshots", "target/screenshots")));
            ImageIO.write(page, "png", dir.resolve("certificate-" + name + "-pdf-150dpi.png").toFile());
            Files.write(dir.resolve("certificate-" + name + "-share.png"), share.bytes());
            assertThat(CertificateFiles.decodeQr(page)).as("the PDF's QR code at 150 dpi").isEqualTo(verifyUrl);
            assertThat(CertificateFiles.decodeQr(ImageIO.read(new ByteArrayInputStream(share.bytes()))))
                    .as("the share image's QR code").isEqualTo(verifyUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new AssertionError("No QR code read from the certificate " + number + "'s pictures", e);
        }
    }
}
