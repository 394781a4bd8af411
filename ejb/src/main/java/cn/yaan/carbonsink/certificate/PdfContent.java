package cn.yaan.carbonsink.certificate;

import java.time.LocalDate;
import java.util.List;

/**
 * What a certificate's PDF shows, every text already in its languages and masked where it must be.
 *
 * @param facts     the rows of the certificate, label and value (number, holder, quantity, the kind's own facts)
 * @param qrUrl     the address the QR code carries (with the signed payload); never printed in full
 * @param shortUrl  the verification address printed under the QR code ({@code <public address>/v/<number>})
 * @param revoked   when and why the certificate was revoked, or null while it is valid
 */
public record PdfContent(String titleZh, String titleEn, String number, List<Line> facts, List<String> serialRanges,
                         String issuer, LocalDate issuedOn, byte[] qrPng, String qrUrl, String shortUrl,
                         Revoked revoked) {

    /** A row: its label in both languages and its value. */
    public record Line(String label, String value) {
    }

    public record Revoked(LocalDate on, String reason) {
    }
}
