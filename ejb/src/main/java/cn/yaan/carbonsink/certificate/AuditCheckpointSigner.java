package cn.yaan.carbonsink.certificate;

import cn.yaan.carbonsink.ledger.CheckpointSigner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Base64;

/** The audit chain's checkpoints signed with the certificate signing key: pure Ed25519, unpadded base64url. */
@ApplicationScoped
public class AuditCheckpointSigner implements CheckpointSigner {

    @Inject
    SigningKeys keys;

    @Override
    public Signature sign(byte[] text) {
        return new Signature(keys.activeKeyId(), Base64.getUrlEncoder().withoutPadding().encodeToString(keys.sign(text)));
    }

    @Override
    public boolean verify(String keyId, byte[] text, String value) {
        try {
            return keys.verify(keyId, text, Base64.getUrlDecoder().decode(value));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
