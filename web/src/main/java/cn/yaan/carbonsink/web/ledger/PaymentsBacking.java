package cn.yaan.carbonsink.web.ledger;

import cn.yaan.carbonsink.ledger.ReconciliationDifference;
import cn.yaan.carbonsink.ledger.ReconciliationService;
import cn.yaan.carbonsink.ledger.Refund;
import cn.yaan.carbonsink.ledger.RefundService;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.pages.Pages;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.ConstraintViolationException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Officers' payments page ({@code officer/payments.xhtml}): refunds (those still to settle first: owed, failed,
 * in progress), each owed or failed one sent again with a tap; the reconciliation differences of the last days, and
 * a day matched again against a provider's bill.
 */
@Named
@ViewScoped
public class PaymentsBacking implements java.io.Serializable {

    static final int SHOWN = 100;
    static final int DAYS = 14;

    @Inject
    transient RefundService refunds;

    @Inject
    transient ReconciliationService reconciliation;

    @Inject
    transient AppClock clock;

    @Inject
    transient CurrentCaller caller;

    private boolean all;
    private String provider;
    private String day;
    private transient ReconciliationService.Result lastRun;
    private transient List<Refund> shown;
    private transient List<ReconciliationDifference> differences;

    /** Refunds to act on (owed, failed, in progress), or all of them. */
    public List<Refund> getRefunds() {
        if (shown == null) {
            Set<Refund.Status> open = all ? EnumSet.noneOf(Refund.Status.class)
                    : EnumSet.of(Refund.Status.DUE, Refund.Status.FAILED, Refund.Status.REQUESTED);
            shown = refunds.list(open, SHOWN);
        }
        return shown;
    }

    public boolean requestable(Refund r) {
        return r.status() == Refund.Status.DUE || r.status() == Refund.Status.FAILED;
    }

    /** Sends an owed or failed refund through its provider. */
    public String request(long id) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            Refund r = refunds.issue(id, caller.required().username());
            faces.addMessage("refunds", new FacesMessage(FacesMessage.SEVERITY_INFO,
                    Pages.text(faces, "payments.refund.status." + r.status().name()), null));
        } catch (BusinessException e) {
            Pages.error(faces, "refunds", e);
        }
        shown = null;
        return null;
    }

    public List<ReconciliationDifference> getDifferences() {
        if (differences == null) {
            differences = reconciliation.differences(clock.today().minusDays(DAYS));
        }
        return differences;
    }

    public List<String> getProviders() {
        return reconciliation.billedProviders();
    }

    /** Matches the day again against the provider's bill; its differences replace the day's. */
    public String run() {
        FacesContext faces = FacesContext.getCurrentInstance();
        LocalDate d;
        try {
            d = LocalDate.parse(day == null ? "" : day.trim());
        } catch (DateTimeParseException e) {
            Pages.error(faces, "rerun:day", BusinessException.invalid("day", "A day is written 2026-05-01."),
                    "payments.rerun.day.invalid");
            return null;
        }
        try {
            lastRun = reconciliation.run(new ReconciliationService.Run(provider, d), caller.required().username());
        } catch (ConstraintViolationException | BusinessException e) {
            Pages.refused(faces, Pages.refusal(faces, e), "rerun", List.of("provider", "day"), "payments.rerun.");
        }
        differences = null;
        return null;
    }

    public boolean isAll() { return all; }
    public void setAll(boolean all) { this.all = all; }
    public String getProvider() { return provider; }
    public void setProvider(String provider) { this.provider = provider; }
    public String getDay() { return day == null ? clock.today().minusDays(1).toString() : day; }
    public void setDay(String day) { this.day = day; }
    public ReconciliationService.Result getLastRun() { return lastRun; }
}
