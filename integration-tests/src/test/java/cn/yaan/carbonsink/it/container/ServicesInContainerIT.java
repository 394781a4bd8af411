package cn.yaan.carbonsink.it.container;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.it.IdNumbers;
import cn.yaan.carbonsink.identity.CitizenService;
import cn.yaan.carbonsink.identity.OrganisationKind;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.justice.Remedy;
import cn.yaan.carbonsink.justice.RestorationOrder;
import cn.yaan.carbonsink.justice.RestorationPaymentService;
import cn.yaan.carbonsink.justice.RestorationService;
import cn.yaan.carbonsink.justice.RestorationStatus;
import cn.yaan.carbonsink.ledger.AuditLedger;
import cn.yaan.carbonsink.ledger.Issuance;
import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.OrderStatus;
import cn.yaan.carbonsink.ledger.PaymentService;
import cn.yaan.carbonsink.ledger.ProjectService;
import cn.yaan.carbonsink.ledger.Receipt;
import cn.yaan.carbonsink.ledger.RegistryService;
import cn.yaan.carbonsink.ledger.Retirement;
import cn.yaan.carbonsink.ledger.RetirementService;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.obligation.DutyPurchaseService;
import cn.yaan.carbonsink.obligation.ObligationService;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Violations;
import cn.yaan.carbonsink.tourism.BookingService;
import cn.yaan.carbonsink.tourism.BookingView;
import cn.yaan.carbonsink.tourism.Footprint;
import cn.yaan.carbonsink.tourism.SiteService;
import cn.yaan.carbonsink.tourism.TravelMode;
import cn.yaan.carbonsink.tourism.VisitSlot;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import jakarta.validation.ConstraintViolationException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The application services inside the running server, called as the web layer calls them (each call its own
 * transaction, unless a test opens one around them): the ledger's services with their state machines and lock order,
 * and each scheme's services from its command to the ledger's retirement and back to the scheme's own record.
 *
 * <p>Deployed beside the real EAR as a small WAR that sees the EAR's EJB module (a module dependency) and finds its
 * services by their global JNDI names: the services under test are the deployed ones, on the suite's database.
 * Plain JUnit assertions: AssertJ is not on the server.
 */
@ExtendWith(ArquillianExtension.class)
class ServicesInContainerIT {

    private static final String OWNER = "citizen";
    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");

    @Deployment
    static WebArchive deployment() {
        return ShrinkWrap.create(WebArchive.class, "services-in-container.war")
                .addClasses(ServicesInContainerIT.class, IdNumbers.class)
                .setManifest(new StringAsset("Manifest-Version: 1.0\n"
                        + "Dependencies: deployment.carbonsink.ear.carbonsink-ejb.jar\n"));
    }

    private ProjectService projects;
    private OrderService orders;
    private PaymentService payments;
    private RetirementService retirements;
    private RegistryService registry;
    private AuditLedger audit;
    private UserTransaction transaction;
    private String project;

    @BeforeEach
    void services() throws NamingException {
        projects = service(ProjectService.class);
        orders = service(OrderService.class);
        payments = service(PaymentService.class);
        retirements = service(RetirementService.class);
        registry = service(RegistryService.class);
        audit = service(AuditLedger.class);
        transaction = (UserTransaction) new InitialContext().lookup("java:comp/UserTransaction");
        project = "IC" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36).toUpperCase();
        projects.createProject(new ProjectService.NewProject(project, "容器测试林", "In-container test forest", "雨城区",
                "Local pilot", "AR-CM-001", new BigDecimal("100"), 8000L), "officer");
        projects.issue(project, new ProjectService.NewIssuance(2024, 10_000L), "officer");
    }

    private static <T> T service(Class<T> type) throws NamingException {
        String module = "java:global/carbonsink/carbonsink-ejb/";
        return type.cast(new InitialContext().lookup(module + type.getSimpleName() + "!" + type.getName()));
    }

    // ---------------------------------------------------------------- housekeeping

    @Test
    void theNightlyHousekeepingKeepsTodaysIdempotencyKeysAndRunsItsDeletes() throws NamingException {
        String key = "housekeeping-" + project;
        UnitOrder first = orders.place(new OrderService.NewOrder(project, 10L, null), OWNER, "市民", key);
        int forgotten = service(cn.yaan.carbonsink.platform.IdempotencyStore.class).purge();
        assertTrue(forgotten >= 0);
        // A key of today is not forgotten: the retry still answers the first order.
        assertEquals(first.id(), orders.place(new OrderService.NewOrder(project, 10L, null), OWNER, "市民", key).id());
        assertInventory(9_990, 10, 0);
        // The webhook sender's nightly deletes are valid statements on this database.
        assertTrue(service(cn.yaan.carbonsink.webhook.WebhookDispatch.class)
                .forget(Instant.now().minus(Duration.ofDays(30))) >= 0);
    }

    // ---------------------------------------------------------------- ledger

    @Test
    void anOrderPaidTwiceRetiresItsUnitsOnceAndIsNoLongerCancellable() {
        UnitOrder order = orders.place(new OrderService.NewOrder(project, 300L, "容器测试"), OWNER, "市民", null);
        assertEquals(OrderStatus.PENDING_PAYMENT, order.status());
        assertInventory(9_700, 300, 0);

        payments.paySimulated(order.paymentId(), OWNER);
        UnitOrder again = payments.paySimulated(order.paymentId(), OWNER); // a double click
        assertEquals(OrderStatus.RETIRED, again.status());
        assertInventory(9_700, 0, 300);
        Retirement retirement = orders.retirementOfOrder(order.id());
        Receipt receipt = registry.retirement(retirement.id()).orElseThrow();
        assertEquals(300, receipt.quantityKg());
        assertEquals(300, kilograms(receipt));

        assertRefused("order-not-pending", () -> orders.cancel(order.id(), OWNER));
        assertEquals(OrderStatus.RETIRED, orders.order(order.id()).status());
    }

    @Test
    void aCancelledOrderGivesItsUnitsBackAndIsNeverPaid() {
        UnitOrder order = orders.place(new OrderService.NewOrder(project, 1_000L, "容器测试"), OWNER, "市民", null);
        assertEquals(OrderStatus.CANCELLED, orders.cancel(order.id(), OWNER).status());
        assertInventory(10_000, 0, 0);
        assertRefused("order-cancelled", () -> payments.paySimulated(order.paymentId(), OWNER));
        assertInventory(10_000, 0, 0);
        assertEquals(null, orders.retirementOfOrder(order.id()));
    }

    /**
     * The ledger's lock order is enforced, not only written down: a transaction that holds the audit chain's head
     * and then asks for issuances is refused at once (it would deadlock with one that took them the other way) and
     * changes nothing.
     */
    @Test
    void issuancesAreNeverLockedAfterTheAuditChainsHead() throws Exception {
        transaction.begin();
        try {
            audit.append("officer", "IN_CONTAINER_TEST lock order");
            Exception refused = assertThrows(Exception.class, () -> retirements.retireDirect(project, 10, "容器测试",
                    OrderPurpose.DIRECT, null, null, "officer"));
            assertTrue(causes(refused).contains("Lock order"), causes(refused));
        } finally {
            transaction.rollback();
        }
        assertInventory(10_000, 0, 0);
        // In the right order, in its own transaction, the same retirement goes through.
        Receipt receipt = retirements.retireDirect(project, 10, "容器测试", OrderPurpose.DIRECT, null, null, "officer");
        assertEquals(10, kilograms(receipt));
        assertInventory(9_990, 0, 10);
    }

    // ---------------------------------------------------------------- schemes

    @Test
    void aCourtsPurchaseInLieuIsFulfilledByItsPayment() throws NamingException {
        RestorationService restorations = service(RestorationService.class);
        RestorationPaymentService restorationPayments = service(RestorationPaymentService.class);
        Caller court = new Caller("court", "雨城区法院 李书记员", Set.of(Role.COURT), "COURT-1802", OrganisationKind.COURT);
        RestorationOrder registered = restorations.register(new RestorationService.NewOrder(
                "(2025)川1802刑初" + ThreadLocalRandom.current().nextInt(1, 999_999) + "号", LocalDate.of(2024, 3, 1),
                List.of(new RestorationService.Defendant("张三丰", residentId("19850612"))),
                List.of(new RestorationService.DamageItem("杉木", new BigDecimal("0.01"), null, null)),
                Remedy.PURCHASE_IN_LIEU, null, null), court);
        assertEquals(RestorationStatus.REGISTERED, registered.status());
        long due = registered.outstandingKg();
        assertTrue(due > 0 && due < 10_000, "units due: " + due);

        UnitOrder purchase = restorationPayments.purchase(registered.id(), project, court);
        assertEquals(due, purchase.quantityKg());
        assertRefused("purchase-pending", () -> restorationPayments.purchase(registered.id(), project, court));
        payments.paySimulated(purchase.paymentId(), "court");

        RestorationOrder fulfilled = restorations.find(registered.id(), court);
        assertEquals(RestorationStatus.FULFILLED, fulfilled.status());
        assertEquals(0, fulfilled.outstandingKg());
        assertInventory(10_000 - due, 0, due);
    }

    @Test
    void unitsBoughtForTheDutyCountOnceTheyArePaid() throws NamingException {
        CitizenService citizens = service(CitizenService.class);
        DutyPurchaseService purchases = service(DutyPurchaseService.class);
        ObligationService obligations = service(ObligationService.class);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String username = "ic" + Long.toString(random.nextLong(Long.MAX_VALUE), 36);
        int year = LocalDate.now(CST).getYear();
        citizens.register(new CitizenService.Registration(username, "容器公民", residentId((year - 30) + "0615"),
                "139" + String.format("%08d", random.nextInt(100_000_000)), "Plant3Trees", true),
                "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255));
        ObligationService.Obligation before = obligations.obligation(username, year);
        assertTrue(before.obliged() && before.treesOwed() > 0 && before.treesFulfilled() == 0, before.toString());

        DutyPurchaseService.Purchase purchase = purchases.buyUnits(username, year,
                new DutyPurchaseService.UnitPurchase(before.treesOwed(), project));
        assertEquals(0, obligations.obligation(username, year).treesFulfilled(), "nothing counts before the payment");
        payments.paySimulated(purchase.paymentId(), username);
        payments.paySimulated(purchase.paymentId(), username);

        ObligationService.Obligation after = obligations.obligation(username, year);
        assertEquals(before.treesOwed(), after.treesFulfilled(), after.toString());
        assertEquals(1, after.fulfilments().size(), after.toString());
        assertNotNull(after.certificateNo(), after.toString());
        assertInventory(10_000 - purchase.quantityKg(), 0, purchase.quantityKg());
    }

    @Test
    void aBookingHoldsPlacesUntilCancelledAndIsConfirmedByItsPayment() throws NamingException {
        SiteService sites = service(SiteService.class);
        BookingService bookings = service(BookingService.class);
        VisitSlot slot = newSlot(sites);
        Footprint.TripEntry trip = new Footprint.TripEntry(TravelMode.CAR, new BigDecimal("150"), 3, 1, 2);
        BookingService.Request request = new BookingService.Request(slot.id(),
                List.of(new BookingService.Person("王五", residentId("19900101"))), trip);

        BookingView held = bookings.book(request, OWNER, "市民", null);
        assertEquals("HELD", held.status());
        assertEquals(slot.capacity() - 1, sites.slot(slot.id()).remaining());
        assertEquals("CANCELLED", bookings.cancel(held.bookingNo(), OWNER).status());
        assertEquals(slot.capacity(), sites.slot(slot.id()).remaining());
        assertEquals(OrderStatus.CANCELLED, orders.order(held.orderId()).status());

        BookingView booked = bookings.book(request, OWNER, "市民", null);
        payments.paySimulated(booked.paymentId(), OWNER);
        BookingView confirmed = bookings.view(booked.bookingNo(), OWNER);
        assertEquals("CONFIRMED", confirmed.status());
        assertNotNull(confirmed.certificateNo());
        assertEquals(slot.capacity() - 1, sites.slot(slot.id()).remaining());
        assertEquals(OrderStatus.RETIRED, orders.order(booked.orderId()).status());
    }

    /**
     * The service checks its command itself, whoever calls it (here as a Faces page does, without the REST layer):
     * the caller gets Bean Validation's exception as it is, not wrapped, naming the fields as the API does, the
     * caller's transaction is marked for rollback, and nothing is booked.
     */
    @Test
    void aServiceRefusesAnInvalidCommandWhoeverCallsIt() throws Exception {
        SiteService sites = service(SiteService.class);
        BookingService bookings = service(BookingService.class);
        VisitSlot slot = newSlot(sites);
        BookingService.Request request = new BookingService.Request(slot.id(), List.of(
                new BookingService.Person("王五", residentId("19900101")), new BookingService.Person("赵六", "x".repeat(41))),
                new Footprint.TripEntry(TravelMode.CAR, null, 3, 1, 31));

        ConstraintViolationException refused = assertThrows(ConstraintViolationException.class,
                () -> bookings.book(request, OWNER, "市民", null));
        assertEquals(Set.of("trip.distanceKm", "trip.days", "visitors[1].idNumber"), refused.getConstraintViolations()
                .stream().map(v -> Violations.field(v.getPropertyPath())).collect(Collectors.toSet()), causes(refused));
        assertEquals("body", Violations.invalid(assertThrows(ConstraintViolationException.class,
                () -> bookings.book(null, OWNER, "市民", null))).fieldErrors().get(0).field());
        assertThrows(ConstraintViolationException.class, () -> sites.createSlots("BFX", new SiteService.NewSlots(
                LocalDate.now(CST).plusDays(500), null, List.of(), 60, 0), "officer"));
        assertEquals(slot.capacity(), sites.slot(slot.id()).remaining());
        ConstraintViolationException order = assertThrows(ConstraintViolationException.class,
                () -> orders.place(new OrderService.NewOrder(project, 0L, null), OWNER, "市民", null));
        assertEquals("quantityKg", Violations.invalid(order).fieldErrors().get(0).field());
        assertInventory(10_000, 0, 0);

        transaction.begin();
        try {
            assertThrows(ConstraintViolationException.class, () -> sites.update("BFX", new SiteService.SiteChange(
                    " ", "Bifengxia", "雨城区", 0, 10, LocalTime.of(8, 0), LocalTime.of(18, 0)), "officer"));
            assertEquals(Status.STATUS_MARKED_ROLLBACK, transaction.getStatus());
        } finally {
            transaction.rollback();
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A one-hour slot at Bifengxia on a day 70 to 400 days ahead that no other test uses. */
    private static VisitSlot newSlot(SiteService sites) {
        for (int attempt = 0; ; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            LocalDate day = LocalDate.now(CST).plusDays(random.nextInt(70, 400));
            try {
                return sites.createSlots("BFX", new SiteService.NewSlots(day, day,
                        List.of(LocalTime.of(9, 0).plusMinutes(random.nextInt(180))), 60, 20), "officer").get(0);
            } catch (BusinessException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    private void assertInventory(long available, long reserved, long retired) {
        List<Issuance> issuances = projects.issuances(projects.findProject(project));
        assertEquals(List.of(available, reserved, retired), List.of(
                issuances.stream().mapToLong(Issuance::availableKg).sum(),
                issuances.stream().mapToLong(Issuance::reservedKg).sum(),
                issuances.stream().mapToLong(Issuance::retiredKg).sum()), "available, reserved, retired kg");
    }

    /** The kilograms the serial ranges of a receipt cover. */
    private static long kilograms(Receipt receipt) {
        long kg = 0;
        for (Map<String, String> range : receipt.serialRanges()) {
            kg += number(range.get("last")) - number(range.get("first")) + 1;
        }
        return kg;
    }

    private static long number(String serial) {
        return Long.parseLong(serial.substring(serial.length() - 10));
    }

    private static void assertRefused(String type, Executable call) {
        BusinessException refused = assertThrows(BusinessException.class, call);
        assertEquals(type, refused.type(), refused.getMessage());
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    /** A valid resident ID number born on the day (yyyyMMdd), with a random county and sequence. */
    private static String residentId(String birth) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return IdNumbers.withCheck(String.format("5118%02d", random.nextInt(100)) + birth
                + String.format("%03d", random.nextInt(1000)));
    }
}
