package cn.yaan.carbonsink.it;

import cn.yaan.carbonsink.client.ApiClient;
import cn.yaan.carbonsink.client.ApiException;
import cn.yaan.carbonsink.client.api.AdministrationApi;
import cn.yaan.carbonsink.client.api.AuthenticationApi;
import cn.yaan.carbonsink.client.api.CertificatesApi;
import cn.yaan.carbonsink.client.api.EcoTourismApi;
import cn.yaan.carbonsink.client.api.JusticeApi;
import cn.yaan.carbonsink.client.api.LedgerApi;
import cn.yaan.carbonsink.client.api.OrdersAndPaymentsApi;
import cn.yaan.carbonsink.client.api.PublicDutyApi;
import cn.yaan.carbonsink.client.model.BookingStatus;
import cn.yaan.carbonsink.client.model.BookingView;
import cn.yaan.carbonsink.client.model.CertificateKind;
import cn.yaan.carbonsink.client.model.CertificateScan;
import cn.yaan.carbonsink.client.model.CertificateView;
import cn.yaan.carbonsink.client.model.ClockChange;
import cn.yaan.carbonsink.client.model.Credentials;
import cn.yaan.carbonsink.client.model.DutyStatus;
import cn.yaan.carbonsink.client.model.GateRefusal;
import cn.yaan.carbonsink.client.model.GateResult;
import cn.yaan.carbonsink.client.model.NewBooking;
import cn.yaan.carbonsink.client.model.NewDamage;
import cn.yaan.carbonsink.client.model.NewDefendant;
import cn.yaan.carbonsink.client.model.NewInspection;
import cn.yaan.carbonsink.client.model.NewIssuance;
import cn.yaan.carbonsink.client.model.NewOrder;
import cn.yaan.carbonsink.client.model.NewPlanting;
import cn.yaan.carbonsink.client.model.NewProject;
import cn.yaan.carbonsink.client.model.NewReplant;
import cn.yaan.carbonsink.client.model.NewRestorationOrder;
import cn.yaan.carbonsink.client.model.NewRetirement;
import cn.yaan.carbonsink.client.model.NewSlots;
import cn.yaan.carbonsink.client.model.Obligation;
import cn.yaan.carbonsink.client.model.OrderPurpose;
import cn.yaan.carbonsink.client.model.OrderStatus;
import cn.yaan.carbonsink.client.model.OrderView;
import cn.yaan.carbonsink.client.model.Problem;
import cn.yaan.carbonsink.client.model.Purchase;
import cn.yaan.carbonsink.client.model.PurchaseView;
import cn.yaan.carbonsink.client.model.Registration;
import cn.yaan.carbonsink.client.model.Remedy;
import cn.yaan.carbonsink.client.model.RestorationStatus;
import cn.yaan.carbonsink.client.model.RestorationView;
import cn.yaan.carbonsink.client.model.RetirementView;
import cn.yaan.carbonsink.client.model.SlotView;
import cn.yaan.carbonsink.client.model.TicketScan;
import cn.yaan.carbonsink.client.model.TravelMode;
import cn.yaan.carbonsink.client.model.Trip;
import cn.yaan.carbonsink.client.model.UnitPurchase;
import cn.yaan.carbonsink.client.model.Verdict;
import cn.yaan.carbonsink.client.model.VerificationView;
import cn.yaan.carbonsink.client.model.Visitor;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The main flows of every scheme driven through a Java client generated from the OpenAPI document at build time
 * (openapi-generator's java/native client, in target/generated-sources), as an integrator would: the court's case
 * system, a travel platform, an auditor. Every answer is read into the document's models, so a status, a field, a
 * type or an enumeration value the document gets wrong fails here; where the client and the server disagree, the
 * document is wrong.
 */
@ServerIT
class GeneratedClientIT {

    private static final ZoneId CST = ZoneId.of("Asia/Shanghai");
    private static final int YEAR = LocalDate.now(CST).getYear();

    private final Api api = Api.server();

    /** A client of the generated kind for the suite's server, with a bearer token when given one. */
    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(System.getProperty("it.base-url"));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // Each client comes from an address of its own (the test servers trust X-Forwarded-For from loopback), so
        // the registrations of this class do not count against one address.
        String address = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
        client.setRequestInterceptor(request -> {
            request.header("X-Forwarded-For", address);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
        });
        return client;
    }

    private static String login(String username, String password) throws ApiException {
        return new AuthenticationApi(client(null)).issueToken(new Credentials().username(username).password(password))
                .getToken();
    }

    private static ApiClient as(String username) throws ApiException {
        return client(login(username, Api.DEMO_PASSWORD));
    }

    /** A new project with units, made through the client as an officer: its code. */
    private static String project(long kg) throws ApiException {
        LedgerApi ledger = new LedgerApi(as("officer"));
        String code = TestProjects.newCode();
        assertThat(ledger.createSinkProject(new NewProject().code(code).nameZh("测试林 " + code).nameEn("Test forest " + code)
                .county("雨城区").standard("Local pilot").methodology("AR-CM-001").areaMu(new BigDecimal("1200.5"))
                .unitPriceFenPerTonne(8000L)).getCode()).isEqualTo(code);
        var issuance = ledger.issueUnits(code, new NewIssuance().vintage(2024).quantityKg(kg));
        assertThat(issuance.getQuantityKg()).isEqualTo(kg);
        assertThat(issuance.getFirst()).isNotBlank();
        return code;
    }

    /** A new adult citizen registered through the client: a client signed in as them. */
    private static ApiClient citizen() throws ApiException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String username = "g" + Long.toString(random.nextLong(Long.MAX_VALUE), 36);
        var registered = new PublicDutyApi(client(null)).registerCitizen(new Registration().username(username)
                .name("测试公民").idNumber(TestCitizens.idNumber(TestCitizens.agedInYear(30)))
                .phone(TestCitizens.phone()).password(TestCitizens.PASSWORD).consent(true));
        assertThat(registered.getUsername()).isEqualTo(username);
        assertThat(registered.getIdNumberMasked()).contains("*");
        return client(login(username, TestCitizens.PASSWORD));
    }

    private static OrderView pay(ApiClient payer, String paymentId) throws ApiException {
        OrderView paid = new OrdersAndPaymentsApi(payer).confirmSimulatedPayment(paymentId);
        assertThat(paid.getStatus()).isEqualTo(OrderStatus.RETIRED);
        return paid;
    }

    /** The certificate verified online, as anyone holding its QR code would. */
    private static CertificateView verifyOnline(String number, CertificateKind kind) throws ApiException {
        CertificatesApi certificates = new CertificatesApi(client(null));
        CertificateView certificate = certificates.getCertificate(number);
        assertThat(certificate.getKind()).isEqualTo(kind);
        VerificationView verdict = certificates.verifyCertificateText(new CertificateScan().qr(certificate.getVerifyUrl()));
        assertThat(verdict.getStatus()).isEqualTo(Verdict.VALID);
        assertThat(verdict.getCertificate().getCertificateNo()).isEqualTo(number);
        return certificate;
    }

    @Test
    void publicDutyCitizenRegistersSeesTheDutyAndBuysUnitsForIt() throws Exception {
        String project = project(5_000);
        ApiClient citizen = citizen();
        PublicDutyApi duty = new PublicDutyApi(citizen);
        Obligation before = duty.getMyObligation(YEAR);
        assertThat(before.getObliged()).isTrue();
        assertThat(before.getStatus()).isEqualTo(DutyStatus.OPEN);
        int owed = before.getTreesOwed() - before.getTreesFulfilled();

        Purchase purchase = duty.buyDutyUnits(YEAR, new UnitPurchase().trees(owed).projectCode(project),
                java.util.UUID.randomUUID().toString());
        assertThat(purchase.getTrees()).isEqualTo(owed);
        assertThat(purchase.getQuantityKg()).isEqualTo((long) owed * purchase.getKgPerTree());
        pay(citizen, purchase.getPaymentId());

        Obligation after = duty.getMyObligation(YEAR);
        assertThat(after.getStatus()).isEqualTo(DutyStatus.FULFILLED);
        assertThat(after.getTreesFulfilled()).isEqualTo(after.getTreesOwed());
        assertThat(after.getFulfilments()).isNotEmpty();
        verifyOnline(after.getCertificateNo(), CertificateKind.PUBLIC_DUTY);
    }

    @Test
    void justiceCourtRegistersOfficerPlantsAndInspectsCourtBuysTheShortfallInLieu() throws Exception {
        String project = project(20_000);
        JusticeApi court = new JusticeApi(as("court"));
        JusticeApi officer = new JusticeApi(as("officer"));
        RestorationView order = court.registerRestorationOrder(new NewRestorationOrder()
                .caseNumber("(2025)川1802刑初" + ThreadLocalRandom.current().nextInt(1, 1_000_000) + "号")
                .judgmentDate(LocalDate.of(2024, 3, 1))
                .defendants(List.of(new NewDefendant().name("张三丰").idNumber(RestorationIT.residentId())))
                .damage(List.of(new NewDamage().species("杉木").volumeM3(BigDecimal.TEN)))
                .remedy(Remedy.REPLANT_ELSE_PURCHASE)
                .replant(new NewReplant().trees(100).species("云杉").site("宝兴县蜂桶寨乡")
                        .dueDate(LocalDate.of(2024, 4, 30)).inspectionYears(List.of(1))));
        assertThat(order.getStatus()).isEqualTo(RestorationStatus.REGISTERED);
        assertThat(order.getCarbonLossKg()).isEqualTo(11_917L);
        assertThat(order.getDefendants().get(0).getIdNumber()).contains("*");
        long id = order.getId();

        RestorationView planted = officer.recordPlanting(id, new NewPlanting().date(LocalDate.of(2024, 4, 1)).trees(100)
                .species("云杉").latitude(new BigDecimal("30.3821")).longitude(new BigDecimal("102.8123")));
        assertThat(planted.getStatus()).isEqualTo(RestorationStatus.IN_PROGRESS);
        assertThat(planted.getPlantings()).hasSize(1);
        officer.recordInspection(id, new NewInspection().date(LocalDate.of(2024, 10, 1)).survivingTrees(90));
        // 85 of 100 must survive; 70 did: 15/85 of 11,917 kg is due in lieu.
        RestorationView converted = officer.recordInspection(id,
                new NewInspection().date(LocalDate.of(2025, 5, 1)).survivingTrees(70));
        assertThat(converted.getStatus()).isEqualTo(RestorationStatus.CONVERTED);
        assertThat(converted.getOutstandingKg()).isEqualTo(2_103L);

        ApiClient courtClient = as("court");
        PurchaseView purchase = new JusticeApi(courtClient).purchaseUnitsInLieu(id, project,
                java.util.UUID.randomUUID().toString());
        assertThat(purchase.getQuantityKg()).isEqualTo(2_103L);
        assertThat(purchase.getStatus()).isEqualTo(OrderStatus.PENDING_PAYMENT);
        pay(courtClient, purchase.getPaymentId());

        RestorationView fulfilled = court.getRestorationOrder(id);
        assertThat(fulfilled.getStatus()).isEqualTo(RestorationStatus.FULFILLED);
        assertThat(fulfilled.getOutstandingKg()).isZero();
        assertThat(fulfilled.getTimeline()).isNotEmpty();
        verifyOnline(fulfilled.getCertificateNo(), CertificateKind.RESTORATION);
    }

    @Test
    void tourismVisitorBooksPaysGetsTheTicketAndTheGateChecksItIn() throws Exception {
        LocalDate day = LocalDate.now(CST).plusDays(ThreadLocalRandom.current().nextInt(70, 400));
        int minute = ThreadLocalRandom.current().nextInt(0, 180);
        String start = String.format("%02d:%02d", 9 + minute / 60, minute % 60);
        List<SlotView> slots = new EcoTourismApi(as("officer")).createSlots("BFX", new NewSlots().from(day).to(day)
                .startTimes(List.of(start)).durationMinutes(60).capacity(10));
        SlotView slot = slots.get(0);
        assertThat(slot.getRemaining()).isEqualTo(10);

        ApiClient visitor = citizen();
        EcoTourismApi tourism = new EcoTourismApi(visitor);
        BookingView booking = tourism.createBooking(new NewBooking().slotId(slot.getId())
                .visitors(List.of(new Visitor().name("欧阳娜娜").idNumber(TestCitizens.idNumber(TestCitizens.agedInYear(35))),
                        new Visitor().name("李四").idNumber(TestCitizens.idNumber(TestCitizens.agedInYear(33)))))
                .trip(new Trip().mode(TravelMode.CAR).distanceKm(new BigDecimal("150")).occupants(3).nights(1).days(2)),
                UUID.randomUUID().toString());
        assertThat(booking.getStatus()).isEqualTo(BookingStatus.HELD);
        assertThat(booking.getOffsetKg()).isEqualTo(72L);
        assertThat(booking.getParty()).allSatisfy(m -> assertThat(m.getIdNumber()).contains("*"));
        pay(visitor, booking.getPaymentId());

        BookingView confirmed = tourism.getBooking(booking.getBookingNo());
        assertThat(confirmed.getStatus()).isEqualTo(BookingStatus.CONFIRMED);
        verifyOnline(confirmed.getCertificateNo(), CertificateKind.CARBON_NEUTRAL_VISIT);
        String qr = tourism.getTicketText(booking.getBookingNo()).getQr();
        assertThat(Files.readAllBytes(tourism.getTicketPdf(booking.getBookingNo()).toPath())).startsWith("%PDF".getBytes());

        try {
            Instant entry = tourism.listSlots("BFX", day.toString()).stream().filter(s -> s.getId().equals(slot.getId()))
                    .findFirst().orElseThrow().getStart().toInstant().plus(Duration.ofMinutes(5));
            new AdministrationApi(as("admin")).moveClock(new ClockChange()
                    .offset(Duration.between(Instant.now(), entry).toString()));
            EcoTourismApi gate = new EcoTourismApi(as("gate"));
            var admitted = gate.checkInTicket(new TicketScan().qr(qr).gate("东门"));
            assertThat(admitted.getResult()).isEqualTo(GateResult.ADMITTED);
            assertThat(admitted.getPartySize()).isEqualTo(2);

            ApiException again = catchThrowableOfType(ApiException.class,
                    () -> gate.checkInTicket(new TicketScan().qr(qr).gate("西门")));
            assertThat(again.getCode()).isEqualTo(409);
            assertThat(again.getResponseHeaders().firstValue("Content-Type").orElseThrow())
                    .startsWith("application/problem+json");
            GateRefusal refusal = client(null).getObjectMapper().readValue(again.getResponseBody(), GateRefusal.class);
            assertThat(refusal.getResult()).isEqualTo(GateResult.ALREADY_CHECKED_IN);
            assertThat(refusal.getFirstCheckIn().getGate()).isEqualTo("东门");
        } finally {
            api.moveClock("PT0S");
        }
    }

    @Test
    void ledgerOfficerRetiresUnitsAndAnAuditorFindsTheRetirementAndItsSerials() throws Exception {
        String project = project(1_000);
        RetirementView retired = new LedgerApi(as("officer")).retireUnits(new NewRetirement().projectCode(project)
                .quantityKg(250L).beneficiary("雅安市碳汇测试单位").purpose(OrderPurpose.DIRECT), UUID.randomUUID().toString());
        assertThat(retired.getQuantityKg()).isEqualTo(250L);
        assertThat(retired.getSerialRanges()).isNotEmpty();

        LedgerApi auditor = new LedgerApi(client(null));
        RetirementView registry = auditor.getRetirement(retired.getId());
        assertThat(registry.getBeneficiary()).contains("*");
        String first = retired.getSerialRanges().get(0).get("first");
        var serial = auditor.getSerial(first);
        assertThat(serial.getRetired()).isTrue();
        assertThat(serial.getRetirement().getId()).isEqualTo(retired.getId());
        assertThat(auditor.getSinkProject(project).getRetiredKg()).isEqualTo(250L);
        verifyOnline(retired.getCertificateNo(), CertificateKind.RETIREMENT);
    }

    /** A refusal arrives as the document's problem: status, a type ending in its slug, the field named. */
    @Test
    void refusalsAreTheDocumentsProblems() throws Exception {
        ApiClient citizen = citizen();
        ApiException invalid = catchThrowableOfType(ApiException.class,
                () -> new OrdersAndPaymentsApi(citizen).createOrder(new NewOrder().quantityKg(0L), null));
        assertThat(invalid.getCode()).isEqualTo(400);
        Problem problem = citizen.getObjectMapper().readValue(invalid.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getErrors()).anySatisfy(e -> assertThat(e.getField()).isEqualTo("quantityKg"));

        ApiException anonymous = catchThrowableOfType(ApiException.class,
                () -> new OrdersAndPaymentsApi(client(null)).listMyOrders());
        assertThat(anonymous.getCode()).isEqualTo(401);
        assertThat(citizen.getObjectMapper().readValue(anonymous.getResponseBody(), Problem.class).getType().toString())
                .endsWith("/problems/unauthenticated");
    }
}
