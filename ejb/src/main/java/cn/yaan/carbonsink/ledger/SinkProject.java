package cn.yaan.carbonsink.ledger;

import cn.yaan.carbonsink.shared.Decimals;
import cn.yaan.carbonsink.shared.FreeText;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;

/** A forest carbon-sink project (碳汇项目) whose verified units the ledger issues and retires. */
@Entity
@Table(name = "sink_project")
@NamedQuery(name = "SinkProject.byCode", query = "select p from SinkProject p where p.code = :code")
@NamedQuery(name = "SinkProject.all", query = "select p from SinkProject p order by p.code")
public class SinkProject {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(nullable = false, unique = true, length = 32)
    String code;
    @Column(name = "name_zh", nullable = false, length = 400)
    String nameZh;
    @Column(name = "name_en", nullable = false, length = 400)
    String nameEn;
    @Column(nullable = false, length = 100)
    String county;
    @Column(nullable = false, length = 100)
    String standard;
    @Column(nullable = false, length = 200)
    String methodology;
    @Column(name = "area_mu", nullable = false, precision = 14, scale = 2)
    BigDecimal areaMu;
    @Column(name = "unit_price_fen_per_tonne", nullable = false)
    long unitPriceFenPerTonne;
    @Column(nullable = false, length = 16)
    String status = "ACTIVE";

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, length = 8)
    ProjectVisibility visibility = ProjectVisibility.PUBLIC;
    /** The running number the next issuance's block starts at (serials are numbered per project). */
    @Column(name = "next_serial", nullable = false)
    long nextSerial = 1;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Version
    long version;

    protected SinkProject() {
    }

    /** A project's forest area: from 0 to a billion mu, to 0.01 mu. Names and area are checked as a project is made. */
    public static final Decimals.Range AREA_MU = Decimals.Range.between("0", "1000000000", 2);

    SinkProject(String code, String nameZh, String nameEn, String county, String standard, String methodology,
                BigDecimal areaMu, long unitPriceFenPerTonne, Instant createdAt) {
        this.code = code;
        this.nameZh = FreeText.required("nameZh", nameZh, 200);
        this.nameEn = FreeText.required("nameEn", nameEn, 200);
        this.county = FreeText.required("county", county, 100);
        this.standard = FreeText.required("standard", standard, 100);
        this.methodology = FreeText.required("methodology", methodology, 200);
        this.areaMu = AREA_MU.require("areaMu", areaMu);
        this.unitPriceFenPerTonne = unitPriceFenPerTonne;
        this.createdAt = createdAt;
    }

    /** Amount in fen for a quantity: ceil(kg x price per tonne / 1000), never rounded down in the buyer's favour. */
    public static long amountFen(long kg, long pricePerTonneFen) {
        return Math.addExact(Math.multiplyExact(kg, pricePerTonneFen), 999) / 1000;
    }

    /** Reserves the next {@code kg} running numbers for a new issuance's block. */
    SerialRange takeBlock(long kg) {
        SerialRange block = new SerialRange(nextSerial, nextSerial + kg - 1);
        nextSerial += kg;
        return block;
    }

    public Long id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    public String county() {
        return county;
    }

    public String standard() {
        return standard;
    }

    public String methodology() {
        return methodology;
    }

    public BigDecimal areaMu() {
        return areaMu;
    }

    public long unitPriceFenPerTonne() {
        return unitPriceFenPerTonne;
    }

    public String status() {
        return status;
    }

    public ProjectVisibility visibility() {
        return visibility;
    }
}
