package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.Sha256;

import java.time.Instant;

/**
 * The hash of an audit entry: SHA-256 over the previous entry's hash, the sequence number, the time, the actor and
 * the canonical payload, joined by newlines. Changing any field of any entry changes its hash and breaks the link
 * to the next entry.
 */
public final class AuditChain {

    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    public static String hash(String prevHash, long seq, Instant at, String actor, String payload) {
        return Sha256.hex(prevHash + "\n" + seq + "\n" + at.toString() + "\n" + actor + "\n" + payload);
    }
}
