package cn.yaan.carbonsink.justice;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** A bank receipt a court recorded as the payment of a restoration order's units in lieu: used once per court. */
@Entity
@Table(name = "restoration_receipt")
@IdClass(RestorationReceipt.Key.class)
public class RestorationReceipt {

    /** A receipt number is the court's bank's: unique within the court. */
    public record Key(String courtCode, String receiptNo) implements Serializable {
    }

    @Id
    @Column(name = "court_code", length = 64)
    private String courtCode;
    @Id
    @Column(name = "receipt_no", length = 100)
    private String receiptNo;
    @Column(name = "order_id", nullable = false)
    private long orderId;
    @Column(name = "amount_fen", nullable = false)
    private long amountFen;
    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected RestorationReceipt() {
    }

    RestorationReceipt(String courtCode, String receiptNo, long orderId, long amountFen, Instant recordedAt) {
        this.courtCode = courtCode;
        this.receiptNo = receiptNo;
        this.orderId = orderId;
        this.amountFen = amountFen;
        this.recordedAt = recordedAt;
    }
}
