package cn.yaan.carbonsink.it.pay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;

/**
 * Keys made for one test run, never committed: the merchant's API key pair (the server signs its requests with the
 * private key, the stub checks them with the public one), WeChat Pay's platform key pair (the stub signs its answers
 * and notifications, the server's SDK verifies them with the public key), and the APIv3 key that encrypts
 * notifications. The server reads its share from files readable by its account only, as in production; their paths
 * are in the test servers' environment (integration-tests/pom.xml).
 */
public final class TestMerchantKeys {

    public static final String MERCHANT_ID = "1900000109";
    public static final String APP_ID = "wxd678efh567hg6787";
    public static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001092026000000000001";

    public final KeyPair merchant;
    public final KeyPair platform;
    /** Alipay: the application's key pair (the server signs with it) and Alipay's own (the stub signs with it). */
    public final KeyPair alipayApp;
    public final KeyPair alipay;
    public static final String ALIPAY_APP_ID = "2021000149600001";
    /** The serial of the merchant's API certificate: not a secret, so fixed (the test servers' environment has it). */
    public static final String MERCHANT_SERIAL = "5157F09EFDC096DE15EBE81A47057A7232F1B8E1";
    public final String apiV3Key;

    private static volatile TestMerchantKeys current;

    private TestMerchantKeys() {
        SecureRandom random = new SecureRandom();
        merchant = rsa();
        platform = rsa();
        alipayApp = rsa();
        alipay = rsa();
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        apiV3Key = key.toString();
    }

    /** The run's keys, made and written to {@code directory} at the first call. */
    public static synchronized TestMerchantKeys writeTo(Path directory) {
        if (current == null) {
            TestMerchantKeys keys = new TestMerchantKeys();
            try {
                Files.createDirectories(directory);
                secret(directory.resolve("wechat-merchant-key.pem"), pem("PRIVATE KEY", keys.merchant.getPrivate().getEncoded()));
                secret(directory.resolve("wechat-platform-public-key.pem"), pem("PUBLIC KEY", keys.platform.getPublic().getEncoded()));
                secret(directory.resolve("wechat-api-v3-key"), keys.apiV3Key);
                secret(directory.resolve("alipay-app-private-key.pem"), pem("PRIVATE KEY", keys.alipayApp.getPrivate().getEncoded()));
                secret(directory.resolve("alipay-public-key.pem"), pem("PUBLIC KEY", keys.alipay.getPublic().getEncoded()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            current = keys;
        }
        return current;
    }

    public static TestMerchantKeys current() {
        if (current == null) {
            throw new IllegalStateException("The test merchant keys were not made (TestServer makes them)");
        }
        return current;
    }

    private static void secret(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 of SHA256withRSA over {@code message}. */
    public static String sign(PrivateKey key, String message) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean verify(PublicKey key, String message, String signature) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(message.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
