package cn.yaan.carbonsink.web.obligation;

import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.certificate.QrCodes;
import cn.yaan.carbonsink.identity.CitizenService;
import cn.yaan.carbonsink.obligation.ObligationService;
import cn.yaan.carbonsink.obligation.PlantingEventService;
import cn.yaan.carbonsink.obligation.DutyPurchaseService;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.inject.Named;

import java.util.List;

/**
 * The citizen's pages of the planting duty: 我的义务植树 ({@code citizen/duty.xhtml}: this year's progress, the
 * records, the certificates, buying units), the events to sign up for ({@code citizen/events.xhtml}) and the
 * rotating attendance QR code ({@code citizen/qr.xhtml}).
 */
@Named
@RequestScoped
public class DutyBacking {

    @Inject
    ObligationService obligations;


    @Inject

    PlantingEventService eventService;


    @Inject

    DutyPurchaseService purchases;

    @Inject
    CitizenService citizens;

    @Inject
    CurrentCaller caller;

    @Inject
    AppClock clock;

    @Inject
    FacesContext faces;

    private ObligationService.Obligation obligation;
    private boolean loaded;
    private Integer trees = 1;
    private List<PlantingEventService.EventView> events;
    private PlantingEventService.Qr qr;

    public int getYear() {
        return clock.today().getYear();
    }

    /** This year's duty, or null when the account has no citizen data (then the page says how to register). */
    public ObligationService.Obligation getObligation() {
        if (!loaded) {
            loaded = true;
            try {
                obligation = obligations.obligation(caller.required().username(), getYear());
            } catch (BusinessException e) {
                obligation = null;
            }
        }
        return obligation;
    }

    /** Fulfilled trees as a percentage of those owed, for the progress bar (100 when nothing is owed). */
    public int getProgress() {
        ObligationService.Obligation o = getObligation();
        if (o == null || o.treesOwed() == 0) {
            return 100;
        }
        return Math.min(100, o.treesFulfilled() * 100 / o.treesOwed());
    }

    public CitizenService.CitizenView getCitizen() {
        return citizens.profile(caller.required().username()).map(citizens::view).orElse(null);
    }

    public String buy() {
        try {
            DutyPurchaseService.Purchase purchase = purchases.buyUnits(caller.required().username(), getYear(),
                    new DutyPurchaseService.UnitPurchase(trees, null));
            return "/account/order?faces-redirect=true&id=" + purchase.orderId();
        } catch (ConstraintViolationException e) {
            Pages.error(faces, "buy:trees", Pages.invalid(faces, e));
            return null;
        } catch (BusinessException e) {
            Pages.error(faces, "buy:trees", e);
            return null;
        }
    }

    public List<PlantingEventService.EventView> getEvents() {
        if (events == null) {
            events = eventService.upcomingEvents();
        }
        return events;
    }

    public String signUp(long eventId) {
        try {
            eventService.signUp(caller.required().username(), eventId);
        } catch (BusinessException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, problemText(e), null));
            return null;
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, "events.signedUp"), null));
        return "/citizen/events?faces-redirect=true";
    }

    private String problemText(BusinessException e) {
        try {
            return Pages.text(faces, "problem." + e.type());
        } catch (java.util.MissingResourceException missing) {
            return e.getMessage();
        }
    }

    /** A fresh attendance QR code, or null when the account has no citizen data. */
    public PlantingEventService.Qr getQr() {
        if (qr == null && getObligation() != null) {
            qr = eventService.attendanceQr(caller.required().username());
        }
        return qr;
    }

    /** The attendance QR code as inline SVG. */
    public String getQrSvg() {
        return getQr() == null ? "" : QrCodes.svg(getQr().text());
    }

    public Integer getTrees() { return trees; }
    public void setTrees(Integer trees) { this.trees = trees; }
}
