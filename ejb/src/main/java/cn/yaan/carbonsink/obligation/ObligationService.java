package cn.yaan.carbonsink.obligation;

import cn.yaan.carbonsink.certificate.Certificate;
import cn.yaan.carbonsink.certificate.CertificateKind;
import cn.yaan.carbonsink.certificate.CertificateService;
import cn.yaan.carbonsink.certificate.SigningKeys;
import cn.yaan.carbonsink.identity.CitizenProfile;
import cn.yaan.carbonsink.identity.CitizenService;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.ledger.UnitsRetired;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.RowLocks;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Settings;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The compulsory tree-planting duty (碳汇+公众义务, docs/DOMAIN.md section 1): each citizen's duty per year, what fulfils
 * it (units bought, planting events attended), exemptions, and the certificates it earns. Every record for one
 * citizen locks that citizen's profile row first, so parallel payments or scans add up and the certificates are
 * decided on the true total, once.
 */
@Stateless
public class ObligationService {

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
    OrderService orders;

    @Inject
    CertificateService certificates;

    @Inject
    SigningKeys keys;

    // ---------------------------------------------------------------- the duty of a year

    public record Fulfilment(String form, int trees, Instant at, String reference) {
    }

    public record Obligation(int year, boolean obliged, int treesOwed, int treesFulfilled, String status,
                             List<Fulfilment> fulfilments, String certificateNo, String honourCertificateNo,
                             String exemptReason) {
    }

    public Obligation obligation(String username, int year) {
        checkYear(year);
        CitizenProfile profile = profile(username);
        Optional<DutyYear> fixed = dutyYear(profile.accountId(), year);
        boolean exempt = fixed.map(DutyYear::exempt).orElse(false);
        boolean obliged = fixed.map(d -> d.obliged).orElseGet(() -> {
            CitizenService.Person person = citizens.person(profile);
            return settings.current().rules().obliged(person.birthDate(), person.female(), year);
        });
        int owed = obliged && !exempt ? fixed.map(d -> d.treesOwed).orElseGet(() -> settings.current().treesOwed()) : 0;
        List<DutyFulfilment> records = fulfilments(profile.accountId(), year);
        int fulfilled = records.stream().mapToInt(DutyFulfilment::trees).sum();
        return new Obligation(year, obliged && !exempt, owed, fulfilled,
                DutyRules.status(obliged, exempt, owed, fulfilled).name(),
                records.stream().map(f -> new Fulfilment(f.form.name(), f.trees, f.recordedAt, f.reference)).toList(),
                certificates.bySchemeRef(CertificateKind.PUBLIC_DUTY, dutyRef(profile.accountId(), year))
                        .map(Certificate::number).orElse(null),
                certificates.bySchemeRef(CertificateKind.PUBLIC_DUTY_HONOUR, honourRef(profile.accountId(), year))
                        .map(Certificate::number).orElse(null),
                fixed.map(d -> d.exemptReason).orElse(null));
    }

    /** Exempts a citizen from a year's duty (age, illness, disability...); the reason is kept with who said so. */
    public Obligation exempt(String username, int year, String reason, String officer) {
        checkYear(year);
        String why = FreeText.required("reason", reason, 500);
        CitizenProfile profile = citizens.lock(profile(username).accountId());
        DutyYear duty = dutyYearForUpdate(profile, year);
        if (duty.exempt()) {
            throw BusinessException.conflict("already-exempt", "The citizen is exempt for " + year + " already.");
        }
        duty.exemptReason = why;
        duty.exemptedBy = officer;
        duty.exemptedAt = clock.now();
        em.flush();
        awardCertificates(profile, duty);
        return obligation(username, year);
    }

    /** What an officer records for a citizen: trees directly, or hours of labour, or money donated. */
    public record OfficerRecord(String username, int year, FulfilmentForm form, Integer trees, Integer hours,
                                Long amountFen) {
    }

    /**
     * Records a fulfilment an officer saw (tending, volunteering, a donation, "other"...): given in trees, in hours
     * (hours-per-tree) or in fen donated (fen-per-tree), exactly one of them. Units and events record themselves.
     */
    public Obligation recordByOfficer(OfficerRecord r, String officer) {
        checkYear(r.year());
        if (r.year() > clock.today().getYear()) {
            throw BusinessException.invalid("year", "A fulfilment cannot be recorded for a year to come.");
        }
        if (r.form() == null || r.form() == FulfilmentForm.CARBON_UNITS) {
            throw BusinessException.invalid("form",
                    "Choose one of the eight forms; units bought count by themselves when paid.");
        }
        int given = (r.trees() == null ? 0 : 1) + (r.hours() == null ? 0 : 1) + (r.amountFen() == null ? 0 : 1);
        if (given != 1) {
            throw BusinessException.invalid("trees", "Give exactly one of trees, hours or amountFen.");
        }
        DutySettings.Values values = settings.current();
        long trees;
        if (r.trees() != null) {
            trees = r.trees();
        } else if (r.hours() != null) {
            if (r.form() == FulfilmentForm.DONATION) {
                throw BusinessException.invalid("hours", "A donation is given in amountFen or trees.");
            }
            trees = r.hours() / values.hoursPerTree();
        } else {
            if (r.form() != FulfilmentForm.DONATION) {
                throw BusinessException.invalid("amountFen", "Only a donation is given in amountFen.");
            }
            trees = r.amountFen() / values.fenPerTree();
        }
        if (trees < 1 || trees > MAX_TREES) {
            throw BusinessException.invalid(r.trees() != null ? "trees" : r.hours() != null ? "hours" : "amountFen",
                    "This comes to " + trees + " trees; a record counts 1 to " + MAX_TREES + " trees.");
        }
        CitizenProfile profile = profile(r.username());
        record(profile.accountId(), r.year(), r.form(), (int) trees, 0, "",
                "officer:" + java.util.UUID.randomUUID(), officer);
        return obligation(r.username(), r.year());
    }

    // ---------------------------------------------------------------- buying units

    public record Purchase(long orderId, long quantityKg, long amountFen, String paymentId, int trees, int kgPerTree,
                           Instant expiresAt) {
    }

    /**
     * Orders units for this year's duty: {@code trees} x the kg-per-tree setting, priced from the project (any active
     * project's oldest units when none is named). When paid, the retirement is credited once ({@link #onRetired}).
     */
    public Purchase buyUnits(String username, int year, int trees, String projectCode) {
        checkYear(year);
        if (year != clock.today().getYear()) {
            throw BusinessException.unprocessable("year-closed",
                    "Units can be bought for this year's duty only (" + clock.today().getYear() + ").");
        }
        if (trees < 1 || trees > MAX_TREES) {
            throw BusinessException.invalid("trees", "Buy units for 1 to " + MAX_TREES + " trees.");
        }
        CitizenProfile profile = profile(username);
        int kgPerTree = settings.current().kgPerTree();
        DutyPurchase purchase = new DutyPurchase(profile.accountId(), year, trees, kgPerTree, clock.now());
        em.persist(purchase);
        em.flush();
        UnitOrder order = orders.reserve(new OrderService.ReserveRequest(OrderPurpose.PUBLIC_DUTY, profile.name(),
                purchase.reference(), projectCode, (long) trees * kgPerTree, username));
        purchase.orderId = order.id();
        return new Purchase(order.id(), order.quantityKg(), order.amountFen(), order.paymentId(), trees, kgPerTree,
                order.expiresAt());
    }

    /** Units retired for the duty (called in the retiring transaction): credited once per retirement. */
    public void onRetired(@Observes UnitsRetired retired) {
        if (retired.purpose() != OrderPurpose.PUBLIC_DUTY || retired.reference() == null
                || !retired.reference().startsWith(DutyPurchase.REFERENCE_PREFIX)) {
            return;
        }
        DutyPurchase purchase = em.find(DutyPurchase.class,
                Long.parseLong(retired.reference().substring(DutyPurchase.REFERENCE_PREFIX.length())));
        if (purchase == null) {
            throw new IllegalStateException("Units retired for an unknown duty purchase " + retired.reference());
        }
        record(purchase.accountId, purchase.year, FulfilmentForm.CARBON_UNITS, purchase.trees, retired.quantityKg(),
                String.join(",", retired.serialBlocks()), "retirement:" + retired.retirementId(), "payment");
    }

    // ---------------------------------------------------------------- planting events

    public record EventView(long id, String site, LocalDate date, int places, int placesLeft, int treesPerAttendee) {
    }

    public EventView createEvent(String site, LocalDate date, int places, int treesPerAttendee, String officer) {
        String where = FreeText.required("site", site, 200);
        if (date == null || date.isBefore(clock.today()) || date.isAfter(clock.today().plusYears(2))) {
            throw BusinessException.invalid("date", "The date must be from today to two years ahead.");
        }
        if (places < 1 || places > 100_000) {
            throw BusinessException.invalid("places", "The places must be from 1 to 100000.");
        }
        if (treesPerAttendee < 1 || treesPerAttendee > MAX_TREES) {
            throw BusinessException.invalid("treesPerAttendee", "The trees per attendee must be from 1 to " + MAX_TREES + ".");
        }
        PlantingEvent event = new PlantingEvent(where, date, places, treesPerAttendee, officer, clock.now());
        em.persist(event);
        em.flush();
        return view(event);
    }

    /** Events from today on, soonest first. */
    public List<EventView> upcomingEvents() {
        return em.createNamedQuery("PlantingEvent.from", PlantingEvent.class).setParameter("from", clock.today())
                .setMaxResults(200).getResultStream().map(this::view).toList();
    }

    /** A place at an event: 409 {@code already-signed-up}, 409 {@code event-full}, 422 {@code event-past}. */
    public EventView signUp(String username, long eventId) {
        CitizenProfile profile = profile(username);
        PlantingEvent event = RowLocks.byId(em, PlantingEvent.class, eventId);
        if (event == null) {
            throw BusinessException.notFound("No planting event " + eventId + ".");
        }
        if (event.date.isBefore(clock.today())) {
            throw BusinessException.unprocessable("event-past", "The event is over; sign up for a coming one.");
        }
        if (em.createNamedQuery("EventSignup.exists", Long.class).setParameter("event", eventId)
                .setParameter("account", profile.accountId()).getSingleResult() > 0) {
            throw BusinessException.conflict("already-signed-up", "You have a place at this event already.");
        }
        if (signups(eventId) >= event.places) {
            throw BusinessException.conflict("event-full", "The event has no places left.");
        }
        em.persist(new EventSignup(eventId, profile.accountId(), clock.now()));
        em.flush();
        return view(event);
    }

    public record Qr(String text, Instant expiresAt) {
    }

    /** A fresh attendance QR code for the citizen, valid for the qr-minutes setting. */
    public Qr attendanceQr(String username) {
        CitizenProfile profile = profile(username);
        Instant expires = clock.now().plus(Duration.ofMinutes(settings.current().qrMinutes()));
        AttendanceQr qr = new AttendanceQr(keys.activeKeyId(), profile.qrRef(), Instant.ofEpochSecond(expires.getEpochSecond()));
        return new Qr(qr.encode(keys::sign), qr.expires());
    }

    public record Attendance(long eventId, String citizen, int trees, int year, String status) {
    }

    /**
     * The organiser scanned a citizen's QR code at an event: checks its signature and expiry, records the attendance
     * once (409 {@code already-attended}) and credits the trees planted (the event's number unless given).
     */
    public Attendance recordAttendance(long eventId, String scanned, Integer trees, String officer) {
        PlantingEvent event = em.find(PlantingEvent.class, eventId);
        if (event == null) {
            throw BusinessException.notFound("No planting event " + eventId + ".");
        }
        AttendanceQr.Scanned qr = AttendanceQr.parse("citizenQr", scanned);
        if (!keys.verify(qr.qr().keyId(), qr.message(), qr.signature())) {
            throw BusinessException.invalid("citizenQr", "The QR code's signature is not valid.");
        }
        if (!clock.now().isBefore(qr.qr().expires())) {
            throw BusinessException.unprocessable("qr-expired",
                    "The QR code has expired; ask the citizen to open a fresh one on their phone.");
        }
        int planted = trees == null ? event.treesPerAttendee : trees;
        if (planted < 1 || planted > MAX_TREES) {
            throw BusinessException.invalid("trees", "The trees planted must be from 1 to " + MAX_TREES + ".");
        }
        if (clock.today().isBefore(event.date)) {
            throw BusinessException.unprocessable("event-not-started", "The event takes place on " + event.date + ".");
        }
        CitizenProfile profile = citizens.byQrRef(qr.qr().ref()).orElseThrow(() ->
                BusinessException.invalid("citizenQr", "The QR code names no registered citizen."));
        profile = citizens.lock(profile.accountId());
        if (em.createNamedQuery("EventAttendance.exists", Long.class).setParameter("event", eventId)
                .setParameter("account", profile.accountId()).getSingleResult() > 0) {
            throw BusinessException.conflict("already-attended", "This citizen's attendance at the event is recorded already.");
        }
        em.persist(new EventAttendance(eventId, profile.accountId(), planted, officer, clock.now()));
        int year = event.date.getYear();
        record(profile.accountId(), year, FulfilmentForm.PLANTING, planted, 0, "", "event:" + eventId, officer);
        return new Attendance(eventId, cn.yaan.carbonsink.shared.Masking.name(profile.name()), planted, year,
                obligation(profile.username(), year).status());
    }

    // ---------------------------------------------------------------- internals

    /** Credits trees once per (form, reference); decides the certificates on the new total. */
    private void record(long accountId, int year, FulfilmentForm form, int trees, long kg, String serials,
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

    private void awardCertificates(CitizenProfile profile, DutyYear duty) {
        List<DutyFulfilment> records = fulfilments(profile.accountId(), duty.year);
        int fulfilled = records.stream().mapToInt(DutyFulfilment::trees).sum();
        long kg = records.stream().mapToLong(f -> f.quantityKg).sum();
        List<String> serials = records.stream().flatMap(f -> Arrays.stream(f.serialRanges.split(",")))
                .filter(s -> !s.isBlank()).toList();
        int owed = duty.exempt() || !duty.obliged ? 0 : duty.treesOwed;
        String issuer = CertificateService.issuer();
        if (DutyRules.earnsDutyCertificate(duty.obliged, duty.exempt(), owed, fulfilled)) {
            certificates.issue(new CertificateService.Request(CertificateKind.PUBLIC_DUTY, profile.name(), kg, fulfilled,
                    serials, dutyRef(profile.accountId(), duty.year), issuer));
        }
        if (DutyRules.earnsHonour(duty.obliged, duty.exempt(), owed, fulfilled)) {
            certificates.issue(new CertificateService.Request(CertificateKind.PUBLIC_DUTY_HONOUR, profile.name(), kg,
                    fulfilled, serials, honourRef(profile.accountId(), duty.year), issuer));
        }
    }

    /** The year's duty, fixed now with the current rules if this is its first record; call with the profile locked. */
    private DutyYear dutyYearForUpdate(CitizenProfile profile, int year) {
        return dutyYear(profile.accountId(), year).orElseGet(() -> {
            DutyRules rules = settings.current().rules();
            CitizenService.Person person = citizens.person(profile);
            DutyYear duty = new DutyYear(profile.accountId(), year,
                    rules.obliged(person.birthDate(), person.female(), year), rules, person.female(), clock.now());
            em.persist(duty);
            return duty;
        });
    }

    private Optional<DutyYear> dutyYear(long accountId, int year) {
        return em.createNamedQuery("DutyYear.of", DutyYear.class).setParameter("account", accountId)
                .setParameter("year", year).getResultStream().findFirst();
    }

    private List<DutyFulfilment> fulfilments(long accountId, int year) {
        return em.createNamedQuery("DutyFulfilment.ofYear", DutyFulfilment.class).setParameter("account", accountId)
                .setParameter("year", year).getResultList();
    }

    private long signups(long eventId) {
        return em.createNamedQuery("EventSignup.count", Long.class).setParameter("event", eventId).getSingleResult();
    }

    private EventView view(PlantingEvent e) {
        return new EventView(e.id, e.site, e.date, e.places, (int) Math.max(0, e.places - signups(e.id)),
                e.treesPerAttendee);
    }

    private CitizenProfile profile(String username) {
        return citizens.profile(username).orElseThrow(() -> BusinessException.notFound(
                "This account has no registered citizen data (ID number); register as a citizen first."));
    }

    private void checkYear(int year) {
        int thisYear = clock.today().getYear();
        if (year < 2000 || year > thisYear + 1) {
            throw BusinessException.invalid("year", "The year must be from 2000 to " + (thisYear + 1) + ".");
        }
    }

    static String dutyRef(long accountId, int year) {
        return "duty:" + accountId + ":" + year;
    }

    static String honourRef(long accountId, int year) {
        return "duty-honour:" + accountId + ":" + year;
    }
}
