package cn.yaan.carbonsink.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A court, a scenic site's operator or a forestry bureau (机构). Members of one never see another's records. */
@Entity
@Table(name = "organisation")
@NamedQuery(name = "Organisation.findByCode", query = "select o from Organisation o where o.code = :code")
public class Organisation {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String code;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 32)
    private OrganisationKind kind;

    @Column(name = "name_zh", nullable = false, length = 200)
    private String nameZh;

    @Column(name = "name_en", nullable = false, length = 200)
    private String nameEn;

    protected Organisation() {
    }

    public Organisation(String code, OrganisationKind kind, String nameZh, String nameEn) {
        this.code = code;
        this.kind = kind;
        this.nameZh = nameZh;
        this.nameEn = nameEn;
    }

    public Long id() {
        return id;
    }

    public String code() {
        return code;
    }

    public OrganisationKind kind() {
        return kind;
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }
}
