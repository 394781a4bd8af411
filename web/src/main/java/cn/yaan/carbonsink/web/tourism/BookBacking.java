package cn.yaan.carbonsink.web.tourism;

import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.identity.Role;
import cn.yaan.carbonsink.identity.SavedVisitorService;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.tourism.BookingService;
import cn.yaan.carbonsink.tourism.Footprint;
import cn.yaan.carbonsink.tourism.ScenicSite;
import cn.yaan.carbonsink.tourism.SiteService;
import cn.yaan.carbonsink.tourism.TravelMode;
import cn.yaan.carbonsink.tourism.VisitSlot;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.ConstraintViolationException;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Booking a slot ({@code account/book.xhtml}): the party (1 to 10 real names and ID numbers), the trip with a live
 * footprint preview, then the booking, which holds places and units until paid. Refusals appear next to the field
 * they concern.
 */
@Named
@ViewScoped
public class BookBacking implements Serializable {

    @Inject
    BookingService bookings;

    @Inject
    SiteService sites;

    @Inject
    CurrentCaller caller;

    @Inject
    SavedVisitorService savedVisitors;

    /**
     * One row of the party form: typed, or a saved person ({@code ref}: the citizen themself or a saved visitor),
     * shown masked and revealed only when the booking is made.
     */
    public static class Row implements Serializable {
        private String name;
        private String idNumber;
        private String ref;
        private String masked;
        public String getRef() { return ref; }
        public String getMasked() { return masked; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getIdNumber() { return idNumber; }
        public void setIdNumber(String idNumber) { this.idNumber = idNumber; }
    }

    private String slot;
    private Long slotId;
    private String siteNameZh;
    private String siteNameEn;
    private java.time.Instant start;
    private java.time.Instant end;
    private int remaining;
    private final List<Row> party = new ArrayList<>(List.of(new Row()));
    /** Read again after the view moved to another node (a {@link SavedVisitorService.View} is not serialized). */
    private transient List<SavedVisitorService.View> saved;
    private String pick;
    private TravelMode mode = TravelMode.CAR;
    private BigDecimal distanceKm = new BigDecimal("150");
    private Integer occupants = 3;
    private Integer nights = 0;
    private Integer days = 1;

    public void load() throws IOException {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            VisitSlot s = sites.slot(Long.parseLong(slot));
            ScenicSite site = sites.siteOf(s);
            slotId = s.id();
            siteNameZh = site.nameZh();
            siteNameEn = site.nameEn();
            start = s.startsAt();
            end = s.endsAt();
            remaining = s.remaining();
        } catch (RuntimeException e) {
            faces.getExternalContext().responseSendError(404, "No such slot");
            faces.responseComplete();
        }
    }

    public void addVisitor() {
        if (party.size() < 10) {
            party.add(new Row());
        }
    }

    /** The citizen themself and their saved visitors, masked, to add to the party (empty for other accounts). */
    public List<SavedVisitorService.View> getSaved() {
        if (saved == null) {
            saved = caller.required().has(Role.CITIZEN) && savedVisitors.hasProfile(caller.required().username())
                    ? savedVisitors.withMyself(caller.required().username()) : List.of();
        }
        return saved;
    }

    /** Books for the citizen too: their name and ID number come from their profile. */
    public void addMyself() {
        addSaved(SavedVisitorService.MYSELF);
    }

    /** Adds the picked saved visitor to the party, in the first empty row if there is one. */
    public void addPicked() {
        if (pick != null) {
            addSaved(pick);
        }
    }

    private void addSaved(String ref) {
        SavedVisitorService.View person = getSaved().stream().filter(v -> ref.equals(v.ref())).findFirst().orElse(null);
        if (person == null || party.stream().anyMatch(r -> ref.equals(r.ref))) {
            return;
        }
        Row row = party.stream().filter(r -> r.ref == null && blank(r.name) && blank(r.idNumber)).findFirst()
                .orElse(null);
        if (row == null) {
            if (party.size() >= 10) {
                return;
            }
            row = new Row();
            party.add(row);
        }
        row.ref = ref;
        row.masked = person.name() + " · " + person.idNumberMasked();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    public void removeVisitor() {
        if (party.size() > 1) {
            party.remove(party.size() - 1);
        }
    }

    /** The trip as entered: the service checks it with the same rules as the API's. */
    private Footprint.TripEntry trip() {
        return new Footprint.TripEntry(mode, distanceKm, occupants, nights, days);
    }

    /** The footprint of the trip as entered, or null while the entries are incomplete. */
    public Footprint.Result getPreview() {
        try {
            if (distanceKm == null || distanceKm.signum() <= 0 || (mode.perCar && (occupants == null || occupants < 1))
                    || nights == null || days == null) {
                return null;
            }
            return Footprint.of(trip().toTrip(), party.size(), sites.factorValues());
        } catch (RuntimeException e) {
            return null;
        }
    }

    public String book() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            var me = caller.required();
            List<String> refs = party.stream().map(r -> r.ref).filter(java.util.Objects::nonNull).toList();
            var known = refs.isEmpty() ? List.<SavedVisitorService.Person>of() : savedVisitors.party(me.username(), refs);
            List<BookingService.Person> people = new ArrayList<>();
            for (Row r : party) {
                if (r.ref == null) {
                    people.add(new BookingService.Person(r.name, r.idNumber));
                } else {
                    SavedVisitorService.Person p = known.get(refs.indexOf(r.ref));
                    people.add(new BookingService.Person(p.name(), p.idNumber()));
                }
            }
            var booking = bookings.book(new BookingService.Request(slotId, people, trip()), me.username(),
                    me.displayName(), null);
            return "/account/booking?faces-redirect=true&no=" + booking.bookingNo();
        } catch (ConstraintViolationException e) {
            show(faces, Pages.invalid(faces, e));
            return null;
        } catch (BusinessException e) {
            show(faces, e);
            return null;
        }
    }

    /** Each refused field next to its input, in the page's language where the bundle has a text for it. */
    private static void show(FacesContext faces, BusinessException e) {
        if (e.fieldErrors().isEmpty()) {
            Pages.error(faces, "book:submit", e);
        }
        for (BusinessException.FieldError error : e.fieldErrors()) {
            // visitors[2].idNumber -> book:party:2:idNumber; trip.occupants -> book:occupants
            String id = error.field().replaceAll("^visitors\\[(\\d+)]\\.(\\w+)$", "party:$1:$2")
                    .replaceAll("^trip\\.", "").replace("visitors", "submit");
            String field = error.field().substring(error.field().lastIndexOf('.') + 1);
            String text;
            try {
                text = Pages.text(faces, "problem.validation." + field);
            } catch (java.util.MissingResourceException missing) {
                text = error.message();
            }
            faces.addMessage("book:" + id, new jakarta.faces.application.FacesMessage(
                    jakarta.faces.application.FacesMessage.SEVERITY_ERROR, text, null));
        }
    }

    /** Whether the trip is by car, which asks for the number of people in it. */
    public boolean isCar() {
        return mode.perCar;
    }

    public TravelMode[] getModes() {
        return TravelMode.values();
    }

    public String getPick() { return pick; }
    public void setPick(String pick) { this.pick = pick; }
    public String getSlot() { return slot; }
    public void setSlot(String slot) { this.slot = slot; }
    public String getSiteNameZh() { return siteNameZh; }
    public String getSiteNameEn() { return siteNameEn; }
    public java.time.Instant getStart() { return start; }
    public java.time.Instant getEnd() { return end; }
    public int getRemaining() { return remaining; }
    public List<Row> getParty() { return party; }
    public TravelMode getMode() { return mode; }
    public void setMode(TravelMode mode) { this.mode = mode; }
    public BigDecimal getDistanceKm() { return distanceKm; }
    public void setDistanceKm(BigDecimal distanceKm) { this.distanceKm = distanceKm; }
    public Integer getOccupants() { return occupants; }
    public void setOccupants(Integer occupants) { this.occupants = occupants; }
    public Integer getNights() { return nights; }
    public void setNights(Integer nights) { this.nights = nights; }
    public Integer getDays() { return days; }
    public void setDays(Integer days) { this.days = days; }
}
