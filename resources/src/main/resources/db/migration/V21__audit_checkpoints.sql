-- Signed checkpoints of the audit chain: the sequence number and hash of an entry a verification found sound, signed
-- with the certificate signing key (kept outside the database). A verification may start at the newest checkpoint
-- instead of the first entry; the daily self-check still recomputes the whole chain.
CREATE TABLE audit_checkpoint (
    seq        BIGINT       NOT NULL PRIMARY KEY,
    hash       VARCHAR(64)  NOT NULL,
    created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    key_id     VARCHAR(40)  NOT NULL,
    signature  VARCHAR(100) NOT NULL
);
