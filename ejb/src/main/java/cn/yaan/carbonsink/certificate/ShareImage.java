package cn.yaan.carbonsink.certificate;

import com.google.zxing.client.j2se.MatrixToImageWriter;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.RoundRectangle2D;
import java.time.format.DateTimeFormatter;

/**
 * A certificate as a phone-sized picture (1080 x 1920 PNG) to post on WeChat Moments: the issuer, the bilingual
 * title and number, the facts of the PDF (holder masked), the QR code of the verify address (with the signed payload,
 * so it verifies offline as the PDF's does) with the short address under it, and the date of issue; a revoked
 * certificate's picture is stamped 已撤销 REVOKED. Drawn with Java2D in the PDF's embedded font (WenQuanYi Micro Hei),
 * so Chinese renders on any server, fonts installed or not.
 */
public final class ShareImage {

    public static final int WIDTH = 1080;
    public static final int HEIGHT = 1920;
    static final int QR_SIZE = 560;

    private static final Color GREEN = new Color(0x2e, 0x7d, 0x32);
    private static final Color PALE = new Color(0xf1, 0xf8, 0xe9);
    private static final Color INK = new Color(0x1f, 0x29, 0x33);
    private static final Color MUTED = new Color(0x52, 0x60, 0x6d);
    private static final Color SEAL_RED = new Color(0xc6, 0x28, 0x28);
    private static final int MARGIN = 90;

    private ShareImage() {
    }

    /** The picture of what the PDF shows (the same content, the same masking). */
    public static byte[] render(PdfContent c) {
        return DocumentFont.png(WIDTH, HEIGHT, g -> draw(g, c));
    }

    private static void draw(Graphics2D g, PdfContent c) {
        g.setPaint(new GradientPaint(0, 0, PALE, 0, HEIGHT, Color.WHITE));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(GREEN);
        g.setStroke(new BasicStroke(10));
        g.draw(new RoundRectangle2D.Float(30, 30, WIDTH - 60, HEIGHT - 60, 40, 40));
        g.setStroke(new BasicStroke(2));
        g.draw(new RoundRectangle2D.Float(50, 50, WIDTH - 100, HEIGHT - 100, 30, 30));

        int y = 150;
        g.setColor(MUTED);
        DocumentFont.centred(g, 36, WIDTH, MARGIN, y, c.issuer());
        y += 120;
        g.setColor(GREEN);
        DocumentFont.centred(g, 78, WIDTH, MARGIN, y, c.titleZh());
        y += 70;
        DocumentFont.centred(g, 38, WIDTH, MARGIN, y, c.titleEn());
        y += 70;
        g.setColor(INK);
        DocumentFont.centred(g, 34, WIDTH, MARGIN, y, "证书编号 No. " + c.number());

        y += 60;
        g.setColor(new Color(0xc8, 0xe6, 0xc9));
        g.fillRect(MARGIN, y, WIDTH - 2 * MARGIN, 3);
        y += 70;
        int qrX = (WIDTH - QR_SIZE) / 2;
        int qrY = HEIGHT - 300 - QR_SIZE;
        for (PdfContent.Line line : c.facts()) {
            if (y + 56 > qrY - 40) {
                break; // the QR code's room: a certificate has at most five facts; serial ranges are the PDF's
            }
            g.setColor(MUTED);
            DocumentFont.left(g, 28, MARGIN, y, WIDTH - 2 * MARGIN, line.label());
            g.setColor(INK);
            DocumentFont.left(g, 44, MARGIN, y + 56, WIDTH - 2 * MARGIN, line.value());
            y += 100;
        }

        g.setColor(Color.WHITE);
        g.fillRect(qrX - 10, qrY - 10, QR_SIZE + 20, QR_SIZE + 20);
        g.drawImage(MatrixToImageWriter.toBufferedImage(QrCodes.matrix(c.qrUrl(), QR_SIZE)), qrX, qrY, null);
        g.setColor(MUTED);
        DocumentFont.centred(g, 30, WIDTH, MARGIN, qrY + QR_SIZE + 60, "扫码验证 / Scan to verify");
        g.setColor(INK);
        DocumentFont.centred(g, 28, WIDTH, MARGIN, qrY + QR_SIZE + 110, c.shortUrl());
        g.setColor(MUTED);
        DocumentFont.centred(g, 30, WIDTH, MARGIN, HEIGHT - 120, c.issuer() + " · 签发日期 / Issued on "
                + DateTimeFormatter.ISO_LOCAL_DATE.format(c.issuedOn()));

        if (c.revoked() != null) {
            revoked(g, DateTimeFormatter.ISO_LOCAL_DATE.format(c.revoked().on()));
        }
    }

    /** A red stamp across the upper half, clear of the QR code: 已撤销 REVOKED and the date. */
    private static void revoked(Graphics2D g, String on) {
        AffineTransform before = g.getTransform();
        g.rotate(Math.toRadians(-18), WIDTH / 2.0, 760);
        g.setColor(new Color(SEAL_RED.getRed(), SEAL_RED.getGreen(), SEAL_RED.getBlue(), 170));
        g.setStroke(new BasicStroke(8));
        g.drawRoundRect(130, 640, WIDTH - 260, 240, 30, 30);
        DocumentFont.centred(g, 96, WIDTH, MARGIN, 770, "已撤销 REVOKED");
        DocumentFont.centred(g, 40, WIDTH, MARGIN, 840, on);
        g.setTransform(before);
    }
}
