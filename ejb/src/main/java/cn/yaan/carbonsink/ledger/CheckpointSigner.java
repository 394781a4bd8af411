package cn.yaan.carbonsink.ledger;

/**
 * Signs and checks the audit chain's checkpoints with a key kept outside the database, so that a checkpoint cannot be
 * forged by whoever can write the database. The certificate context, above the ledger, implements it with the
 * certificate signing key (the ledger may not use that context itself).
 */
public interface CheckpointSigner {

    /** A signature and the id of the key that made it. */
    record Signature(String keyId, String value) {
    }

    Signature sign(byte[] text);

    /** Whether {@code value} is a signature of {@code text} by the key {@code keyId}. */
    boolean verify(String keyId, byte[] text, String value);
}
