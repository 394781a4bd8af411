package cn.yaan.carbonsink.identity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** A login (账户): username, password hash, roles, and the organisation that scopes it, if any. */
@Entity
@Table(name = "account")
@NamedQuery(name = "Account.findByUsername", query = "select a from Account a where a.username = :username")
@NamedQuery(name = "Account.countWithRole", query = "select count(a) from Account a join a.roles r where r = :role")
public class Account {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 200)
    private String passwordHash;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "account_role", joinColumns = @JoinColumn(name = "account_id"))
    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 32)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    @ManyToOne(fetch = FetchType.EAGER)
    @JoinColumn(name = "organisation_id")
    private Organisation organisation;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** When an administrator last disabled the account, changed its roles or reset its password; null if never. */
    @Column(name = "access_changed_at")
    private Instant accessChangedAt;

    protected Account() {
    }

    public Account(String username, String passwordHash, String displayName, Set<Role> roles,
                   Organisation organisation, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        this.organisation = organisation;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        return Set.copyOf(roles);
    }

    public Organisation organisation() {
        return organisation;
    }

    public boolean enabled() {
        return enabled;
    }

    void showAs(String displayName) {
        this.displayName = displayName;
    }

    public void disable() {
        this.enabled = false;
    }

    void enable() {
        this.enabled = true;
    }

    /** New roles and organisation, set by an administrator. */
    void assign(Set<Role> roles, Organisation organisation) {
        this.roles.clear();
        this.roles.addAll(roles);
        this.organisation = organisation;
    }

    void accessChanged(Instant at) {
        this.accessChangedAt = at;
    }

    public Instant accessChangedAt() {
        return accessChangedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }
}
