package cn.yaan.carbonsink.certificate;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

import java.security.SecureRandom;

/**
 * The production {@link SigningKeys} with a fresh key and no database, so unit tests of every context sign and
 * verify exactly as the services do. Only the active key is known: verifying under another key id would look in the
 * database, which these tests do not have.
 */
public final class TestSigningKeys {

    private TestSigningKeys() {
    }

    public static SigningKeys fresh() {
        SigningKeys keys = new SigningKeys();
        keys.activate(new Ed25519PrivateKeyParameters(new SecureRandom()));
        return keys;
    }
}
