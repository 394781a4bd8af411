package cn.yaan.carbonsink.ledger;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The end of the audit chain; locked by every append so that entries form one line. */
@Entity
@Table(name = "ledger_head")
public class LedgerHead {

    static final int ID = 1;

    @Id
    int id;
    @Column(name = "last_seq", nullable = false)
    long lastSeq;
    @Column(name = "last_hash", nullable = false, length = 64)
    String lastHash;

    protected LedgerHead() {
    }
}
