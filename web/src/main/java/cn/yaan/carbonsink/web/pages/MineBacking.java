package cn.yaan.carbonsink.web.pages;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.ledger.OrderService;
import cn.yaan.carbonsink.ledger.UnitOrder;
import cn.yaan.carbonsink.obligation.ObligationService;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.tourism.BookingService;
import cn.yaan.carbonsink.tourism.BookingView;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * 我的 ({@code account/mine.xhtml}): one place for what is mine: the account, this year's planting duty (citizens),
 * my bookings with their tickets and certificates, my orders. Each list is one query of its own context, newest
 * first, at most {@link #SHOWN} rows.
 */
@Named("mine")
@RequestScoped
public class MineBacking {

    static final int SHOWN = 20;

    @Inject
    CurrentCaller caller;

    @Inject
    BookingService bookings;

    @Inject
    OrderService orders;

    @Inject
    ObligationService obligations;

    @Inject
    AppClock clock;

    private List<BookingView> myBookings;
    private List<UnitOrder> myOrders;
    private ObligationService.Obligation duty;
    private boolean dutyLoaded;

    public Caller getAccount() {
        return caller.required();
    }

    public boolean isCitizen() {
        return getAccount().has(Role.CITIZEN);
    }

    public int getYear() {
        return clock.today().getYear();
    }

    /** This year's duty, or null when the account has no citizen data. */
    public ObligationService.Obligation getDuty() {
        if (!dutyLoaded) {
            dutyLoaded = true;
            if (isCitizen()) {
                try {
                    duty = obligations.obligation(getAccount().username(), getYear());
                } catch (BusinessException noCitizenData) {
                    duty = null;
                }
            }
        }
        return duty;
    }

    public List<BookingView> getBookings() {
        if (myBookings == null) {
            myBookings = bookings.mine(getAccount().username(), SHOWN);
        }
        return myBookings;
    }

    public List<UnitOrder> getOrders() {
        if (myOrders == null) {
            myOrders = orders.ordersOf(getAccount().username(), SHOWN);
        }
        return myOrders;
    }
}
