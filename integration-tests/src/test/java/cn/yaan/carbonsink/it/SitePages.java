package cn.yaan.carbonsink.it;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pages of the site, for the suites that go through all of them. */
public final class SitePages {

    private SitePages() {
    }

    /**
     * Every page of the site, by the account that may open it ("": anyone; one demo account of each role), with
     * records of their own to show: a slot, a booking, an order, a restoration order (the court's view and the
     * officer's, which has the planting and inspection forms), a certificate.
     */
    public static Map<String, List<String>> byAudience(Api api) {
        String citizen = api.token("citizen");
        long slot = TestSites.newSlot(api, "BFX", 5).getJsonNumber("id").longValue();
        Api.Reply booking = api.postJson("/api/v1/bookings", TestSites.booking(slot, 1, TestSites.CAR_TRIP), citizen);
        assertThat(booking.status()).as(booking.toString()).isEqualTo(201);
        String code = TestProjects.newCode();
        TestProjects.projectWithIssuance(api, code, 1000);
        Api.Reply order = api.postJson("/api/v1/orders", "{\"projectCode\":\"" + code + "\",\"quantityKg\":5}", citizen);
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        Api.Reply restoration = api.postJson("/api/v1/restoration-orders", RestorationIT.order(RestorationIT.caseNumber(),
                RestorationIT.residentId(), "PURCHASE_IN_LIEU", null), api.token("court"));
        assertThat(restoration.status()).as(restoration.toString()).isEqualTo(201);
        Api.Reply retired = api.postJson("/api/v1/retirements", "{\"projectCode\":\"" + code + "\",\"quantityKg\":3,"
                + "\"beneficiary\":\"雅安茶业有限公司\",\"purpose\":\"DIRECT\"}", api.token("officer"));
        assertThat(retired.status()).as(retired.toString()).isEqualTo(201);
        return Map.of(
                "", List.of("/", "/login.xhtml?next=/account/buy.xhtml", "/register.xhtml", "/registry.xhtml",
                        "/registry.xhtml?retirement=" + retired.json().getJsonNumber("id"), "/transparency.xhtml",
                        "/visit.xhtml", "/privacy.xhtml", "/password-reset.xhtml", "/organisation-register.xhtml", "/v/" + retired.json().getString("certificateNo")),
                "citizen", List.of("/", "/account/buy.xhtml", "/account/book.xhtml?slot=" + slot,
                        "/account/booking.xhtml?no=" + booking.json().getString("bookingNo"),
                        "/account/order.xhtml?id=" + order.json().getJsonNumber("id"), "/citizen/duty.xhtml",
                        "/citizen/events.xhtml", "/citizen/qr.xhtml", "/visit.xhtml", "/account/mine.xhtml",
                        "/account/settings.xhtml"),
                "court", List.of("/court/register.xhtml", "/court/restorations.xhtml", "/account/mine.xhtml",
                        "/account/restoration.xhtml?id=" + restoration.json().getJsonNumber("id")),
                "officer", List.of("/officer/duty.xhtml", "/officer/events.xhtml", "/officer/projects.xhtml", "/officer/reference.xhtml",
                        "/officer/organisations.xhtml",
                        "/officer/restorations.xhtml", "/officer/payments.xhtml", "/account/mine.xhtml",
                        "/account/restoration.xhtml?id=" + restoration.json().getJsonNumber("id"),
                        "/manage/sites.xhtml", "/manage/site.xhtml?code=BFX"),
                "manager", List.of("/manage/sites.xhtml", "/manage/site.xhtml?code=BFX", "/account/mine.xhtml"),
                "enterprise", List.of("/organisation/home.xhtml", "/account/mine.xhtml"),
                "gate", List.of("/site/dashboard.xhtml", "/site/scan.xhtml", "/account/mine.xhtml"),
                "admin", List.of("/", "/account/buy.xhtml", "/account/mine.xhtml", "/admin/sms.xhtml",
                        "/account/settings.xhtml", "/admin/accounts.xhtml", "/admin/audit.xhtml"));
    }
}
