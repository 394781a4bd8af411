package cn.yaan.carbonsink.obligation;

import cn.yaan.carbonsink.certificate.Certificate;
import cn.yaan.carbonsink.certificate.CertificateKind;
import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.identity.CitizenProfile;
import cn.yaan.carbonsink.identity.CitizenService;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the duty's services share: a citizen's year of duty, fixed with the rules of its first record, the
 * fulfilments credited to it (once per form and reference, under the citizen's profile lock) and the certificates
 * they earn.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
class DutyRecords {

    static final int MAX_TREES = 100;

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    CitizenService citizens;

    @Inject
    DutySettings settings;

    @Inject
    CertificateService certificates;

    /** Credits trees once per (form, reference); decides the certificates on the new total. */
    void record(long accountId, int year, FulfilmentForm form, int trees, long kg, String serials,
                        String reference, String actor) {
        CitizenProfile profile = citizens.lock(accountId);
        boolean known = em.createNamedQuery("DutyFulfilment.byReference", DutyFulfilment.class)
                .setParameter("account", accountId).setParameter("form", form).setParameter("reference", reference)
                .getResultStream().findAny().isPresent();
        if (known) {
            return;
        }
        DutyYear duty = dutyYearForUpdate(profile, year);
        em.persist(new DutyFulfilment(accountId, year, form, trees, kg, serials, reference, actor, clock.now()));
        em.flush();
        awardCertificates(profile, duty);
    }

    void awardCertificates(CitizenProfile profile, DutyYear duty) {
        List<DutyFulfilment> records = fulfilments(profile.accountId(), duty.year);
        int fulfilled = records.stream().mapToInt(DutyFulfilment::trees).sum();
        long kg = records.stream().mapToLong(f -> f.quantityKg).sum();
        List<String> serials = records.stream().flatMap(f -> Arrays.stream(f.serialRanges.split(",")))
                .filter(s -> !s.isBlank()).toList();
        int owed = duty.exempt() || !duty.obliged ? 0 : duty.treesOwed;
        String issuer = CertificateService.issuer();
        List<Certificate.Fact> facts = List.of(new Certificate.Fact("year", String.valueOf(duty.year)));
        if (DutyRules.earnsDutyCertificate(duty.obliged, duty.exempt(), owed, fulfilled)) {
            certificates.issue(new CertificateService.Request(CertificateKind.PUBLIC_DUTY, profile.name(), kg, fulfilled,
                    serials, dutyRef(profile.accountId(), duty.year), issuer, facts));
        }
        if (DutyRules.earnsHonour(duty.obliged, duty.exempt(), owed, fulfilled)) {
            certificates.issue(new CertificateService.Request(CertificateKind.PUBLIC_DUTY_HONOUR, profile.name(), kg,
                    fulfilled, serials, honourRef(profile.accountId(), duty.year), issuer, facts));
        }
    }

    /** The year's duty, fixed now with the current rules if this is its first record; call with the profile locked. */
    DutyYear dutyYearForUpdate(CitizenProfile profile, int year) {
        return dutyYear(profile.accountId(), year).orElseGet(() -> {
            DutyRules rules = settings.current().rules();
            CitizenService.Person person = citizens.person(profile);
            DutyYear duty = new DutyYear(profile.accountId(), year,
                    rules.obliged(person.birthDate(), person.female(), year), rules, person.female(), clock.now());
            em.persist(duty);
            return duty;
        });
    }

    Optional<DutyYear> dutyYear(long accountId, int year) {
        return em.createNamedQuery("DutyYear.of", DutyYear.class).setParameter("account", accountId)
                .setParameter("year", year).getResultStream().findFirst();
    }

    List<DutyFulfilment> fulfilments(long accountId, int year) {
        return em.createNamedQuery("DutyFulfilment.ofYear", DutyFulfilment.class).setParameter("account", accountId)
                .setParameter("year", year).getResultList();
    }

    CitizenProfile profile(String username) {
        return citizens.profile(username).orElseThrow(() -> BusinessException.notFound(
                "This account has no registered citizen data (ID number); register as a citizen first."));
    }

    void checkYear(int year) {
        int thisYear = clock.today().getYear();
        if (year < 2000 || year > thisYear + 1) {
            throw BusinessException.invalid("year", "The year must be from 2000 to " + (thisYear + 1) + ".");
        }
    }

    /** The beginnings of the scheme references of all the account's duty certificates, of any year. */
    static List<String> certificateRefPrefixes(long accountId) {
        return List.of("duty:" + accountId + ":", "duty-honour:" + accountId + ":");
    }

    static String dutyRef(long accountId, int year) {
        return "duty:" + accountId + ":" + year;
    }

    static String honourRef(long accountId, int year) {
        return "duty-honour:" + accountId + ":" + year;
    }
}
