package cn.yaan.carbonsink.justice;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** A planting's photo, as the server re-encoded it ({@link PlantingPhotos}). */
@Entity
@Table(name = "restoration_photo")
@NamedQuery(name = "RestorationPhoto.idsOfOrder",
        query = "select p.plantingId, p.id from RestorationPhoto p where p.orderId = :order order by p.id")
@NamedQuery(name = "RestorationPhoto.countOfPlanting",
        query = "select count(p) from RestorationPhoto p where p.plantingId = :planting")
public class RestorationPhoto {

    public static final int MAX_PER_PLANTING = 10;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "order_id", nullable = false)
    long orderId;
    @Column(name = "planting_id", nullable = false)
    long plantingId;
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    byte[] jpeg;
    @Column(nullable = false)
    int width;
    @Column(nullable = false)
    int height;
    @Column(nullable = false, length = 64)
    String sha256;
    @Column(name = "recorded_by", nullable = false, length = 64)
    String recordedBy;
    @Column(name = "recorded_at", nullable = false)
    Instant recordedAt;

    protected RestorationPhoto() {
    }

    RestorationPhoto(long orderId, long plantingId, PlantingPhotos.Photo photo, String sha256, String recordedBy,
                     Instant recordedAt) {
        this.orderId = orderId;
        this.plantingId = plantingId;
        this.jpeg = photo.jpeg();
        this.width = photo.width();
        this.height = photo.height();
        this.sha256 = sha256;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public Long id() { return id; }
    public long plantingId() { return plantingId; }
    public byte[] jpeg() { return jpeg; }
    public int width() { return width; }
    public int height() { return height; }
    public String sha256() { return sha256; }
    public Instant recordedAt() { return recordedAt; }
}
