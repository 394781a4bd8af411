package cn.yaan.carbonsink.certificate;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;

/**
 * In-process cost of the code every certificate and ticket goes through: Ed25519 (BouncyCastle) signing and
 * verification of a payload, the QR code PNG (with its read-back check), decoding a QR image, and the PDF.
 * Run by {@link CodeBenchmarkRunner} with {@code -Pbenchmark}.
 */
@State(Scope.Benchmark)
public class CodeBenchmarks {

    private Ed25519PrivateKeyParameters key;
    private Ed25519PublicKeyParameters publicKey;
    private byte[] body;
    private byte[] signature;
    private String url;
    private long fresh;
    private byte[] png;
    private PdfContent pdf;

    @Setup
    public void setUp() {
        key = new Ed25519PrivateKeyParameters(new SecureRandom());
        publicKey = key.generatePublicKey();
        QrPayload payload = new QrPayload("0a1b2c3d", CertificateKind.RETIREMENT, LocalDate.of(2026, 11, 25), 250,
                CertificateNumbers.generate(CertificateKind.RETIREMENT, 2026), "雅安***公司");
        body = payload.body();
        signature = sign();
        url = "https://carbonsink.example.cn/v/" + payload.number() + "#" + payload.encode(signature);
        png = QrCodes.png(url, 360);
        pdf = new PdfContent("碳汇认购证书", "Carbon Sink Subscription Certificate", payload.number(),
                List.of(new PdfContent.Line("持有人 / Holder", "张*"), new PdfContent.Line("注销碳汇 / Units retired",
                        "250 kg CO2e")), List.of("YA-FM-01-2023-0000000001 … YA-FM-01-2023-0000000250"), "雅安市林业局",
                LocalDate.of(2026, 11, 25), png, url, "https://carbonsink.example.cn/v/" + payload.number(), null);
    }

    @Benchmark
    public byte[] sign() {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(body, 0, body.length);
        return signer.generateSignature();
    }

    @Benchmark
    public boolean verify() {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicKey);
        verifier.update(body, 0, body.length);
        return verifier.verifySignature(signature);
    }

    /** A code made before: its mask is remembered, no read-back check. */
    @Benchmark
    public byte[] qrPng() {
        return QrCodes.png(url, 360);
    }

    /** A code made for the first time: encoded, then decoded back to choose a mask that reads. */
    @Benchmark
    public byte[] qrPngFirst() {
        return QrCodes.png(url + "?" + fresh++, 360);
    }

    @Benchmark
    public String qrDecode() {
        return QrCodes.decode(png);
    }

    @Benchmark
    public byte[] pdf() {
        return CertificatePdf.render(pdf);
    }
}
