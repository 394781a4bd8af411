package cn.yaan.carbonsink.certificate;

/** What a certificate PDF shows. All texts are already in the right language/masked. */
public record PdfContent(String titleZh, String titleEn, String number, String holderMasked, long quantityKg,
                         Integer trees /* may be null */, java.util.List<String> serialRanges, String issuer,
                         java.time.LocalDate issuedOn, String statusZh, String statusEn, byte[] qrPng, String verifyUrl,
                         String caseNumber /* restoration certificates only, else null */) {}
