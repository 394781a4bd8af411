package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.platform.AppSettings;
import cn.yaan.carbonsink.shared.Settings;
import cn.yaan.carbonsink.shared.FreeText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The provider of the embedded default ({@code carbonsink.simulated-payments=true}): the checkout's "pay (demo)"
 * button and {@code POST /api/v1/payments/{paymentId}/simulated-confirmation} stand in for a real payment, and its
 * callbacks are signed like a real provider's: header {@code X-Signature: sha256=<hex HMAC-SHA256 of the raw body>}
 * with the secret {@code carbonsink.payments.simulated.secret}, or, when none is configured, a secret generated for
 * this installation at its first callback (row {@code payments.simulated.secret} of {@code app_setting}: never a
 * constant anyone could read in the source and use to pay anyone's order on a demo install); body
 * {@code {"notificationId", "paymentId", "amountFen", "status": "SUCCESS"}}.
 */
@ApplicationScoped
public class SimulatedPaymentProvider implements PaymentProvider {

    public static final String NAME = "simulated";

    @Override
    public String name() {
        return NAME;
    }

    public static boolean on() {
        return Settings.flag("carbonsink.simulated-payments");
    }

    @Inject
    AppSettings settings;

    private volatile String generated;

    @Override
    public boolean enabled() {
        return on();
    }

    private String secret() {
        String configured = Settings.secret("carbonsink.payments.simulated.secret");
        if (configured != null) {
            return configured;
        }
        if (generated == null) {
            generated = settings.installationSecret("payments.simulated.secret");
        }
        return generated;
    }

    @Override
    public boolean authentic(byte[] body, String signatureHeader) {
        if (!enabled() || signatureHeader == null || !signatureHeader.startsWith("sha256=")) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signatureHeader.substring(7).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, hmac(secret(), body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The demo's money is not real: a refund an officer requests succeeds at once. */
    @Override
    public RefundAnswer refund(RefundCommand command) {
        return new RefundAnswer("SIM-" + command.refundNo(), RefundState.SUCCEEDED, "simulated");
    }

    @Override
    public Optional<Notification> read(byte[] body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonObject json = reader.readObject();
            String id = json.getString("notificationId");
            String paymentId = json.getString("paymentId");
            long amount = json.getJsonNumber("amountFen").longValueExact();
            if (id.isBlank() || id.length() > 100 || paymentId.length() > 40 || amount < 0
                    || FreeText.characterProblem(id + paymentId).isPresent()) {
                return Optional.empty();
            }
            return Optional.of(new Notification(id, paymentId, amount, "SUCCESS".equals(json.getString("status", ""))));
        } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
