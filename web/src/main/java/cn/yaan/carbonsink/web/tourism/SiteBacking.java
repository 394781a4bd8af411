package cn.yaan.carbonsink.web.tourism;

import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.tourism.ScenicSite;
import cn.yaan.carbonsink.tourism.SiteAdminService;
import cn.yaan.carbonsink.tourism.SiteService;
import cn.yaan.carbonsink.web.pages.Pages;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.ConstraintViolationException;

import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One site's page ({@code manage/site.xhtml?code=&week=}): the week's calendar of slots with capacity and places
 * booked, and for a closed day its reason and the bookings made for it; forms to change a slot's capacity, create
 * slots in bulk, close a day and edit the site's details and opening hours. Officers open every site, a site
 * manager the own site only (403 for another's, 404 for none).
 */
@Named
@RequestScoped
public class SiteBacking {

    static final List<String> DETAIL_FIELDS = List.of("nameZh", "nameEn", "county", "dailyCapacity", "walkInPercent",
            "opensAt", "closesAt");
    static final List<String> SLOT_FIELDS = List.of("from", "to", "startTimes", "durationMinutes", "capacity");

    @Inject
    SiteAdminService admin;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private String code;
    private String week;
    private SiteAdminService.Week view;

    // details
    private String nameZh;
    private String nameEn;
    private String county;
    private Integer dailyCapacity;
    private Integer walkInPercent;
    private LocalTime opensAt;
    private LocalTime closesAt;

    // slots in bulk
    private LocalDate from;
    private LocalDate to;
    private String startTimes;
    private Integer durationMinutes = 60;
    private Integer slotCapacity;

    // one slot's capacity
    private Long slotId;
    private Integer capacity;

    // closing a day
    private LocalDate closeDate;
    private String reason;

    /** 404 for a site that does not exist, 403 for a site the caller does not run; fills the details form. */
    public void load() throws IOException {
        try {
            SiteAdminService.Week w = getWeek();
            if (!faces.isPostback()) {
                ScenicSite s = w.site();
                nameZh = s.nameZh();
                nameEn = s.nameEn();
                county = s.county();
                dailyCapacity = s.dailyCapacity();
                walkInPercent = s.walkInPercent();
                opensAt = s.opensAt();
                closesAt = s.closesAt();
            }
        } catch (BusinessException e) {
            faces.getExternalContext().responseSendError(e.kind() == BusinessException.Kind.FORBIDDEN ? 403 : 404,
                    e.getMessage());
            faces.responseComplete();
        }
    }

    /** The week shown; the forms post the site and the week as plain request parameters. */
    public SiteAdminService.Week getWeek() {
        if (view == null) {
            String site = code != null ? code : faces.getExternalContext().getRequestParameterMap().get("code");
            String day = week != null ? week : faces.getExternalContext().getRequestParameterMap().get("week");
            if (site == null || site.isBlank()) {
                throw BusinessException.notFound("No site given.");
            }
            view = admin.week(site, parse(day), caller.required());
        }
        return view;
    }

    private static LocalDate parse(String day) {
        try {
            return day == null || day.isBlank() ? null : LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public String getPreviousWeek() {
        return getWeek().monday().minusWeeks(1).toString();
    }

    public String getNextWeek() {
        return getWeek().monday().plusWeeks(1).toString();
    }

    /** The week's open slots, for the capacity form's choice. */
    public List<SiteAdminService.SlotRow> getSlots() {
        List<SiteAdminService.SlotRow> slots = new ArrayList<>();
        getWeek().days().forEach(d -> slots.addAll(d.slots()));
        return slots;
    }

    public String saveDetails() {
        try {
            admin.update(site(), new SiteService.SiteChange(nameZh, nameEn, county, dailyCapacity, walkInPercent,
                    opensAt, closesAt), caller.required());
        } catch (ConstraintViolationException | BusinessException refused) {
            show(Pages.refusal(faces, refused), "details", DETAIL_FIELDS);
            return null;
        }
        return done("site.details.saved");
    }

    public String createSlots() {
        List<LocalTime> starts = new ArrayList<>();
        for (String part : (startTimes == null ? "" : startTimes).split("[,，、\\s]+")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                starts.add(LocalTime.parse(part.length() == 4 ? "0" + part : part));
            } catch (DateTimeParseException e) {
                faces.addMessage("slots:startTimes", new FacesMessage(FacesMessage.SEVERITY_ERROR,
                        Pages.text(faces, "site.startTimes.invalid"), null));
                return null;
            }
        }
        int created;
        try {
            created = admin.createSlots(site(), new SiteService.NewSlots(from, to, starts, durationMinutes, slotCapacity),
                    caller.required()).size();
        } catch (ConstraintViolationException | BusinessException refused) {
            show(Pages.refusal(faces, refused), "slots", SLOT_FIELDS);
            return null;
        }
        week = from.toString();
        return done("site.slots.created", String.valueOf(created));
    }

    public String changeCapacity() {
        try {
            admin.changeCapacity(slotId, new SiteService.CapacityChange(capacity), caller.required());
        } catch (ConstraintViolationException | BusinessException refused) {
            show(Pages.refusal(faces, refused), "resize", List.of("capacity"));
            return null;
        }
        return done("site.capacity.changed");
    }

    public String closeDay() {
        SiteAdminService.ClosedDay closed;
        try {
            closed = admin.closeDay(site(), new SiteAdminService.Closure(closeDate, reason), caller.required());
        } catch (ConstraintViolationException | BusinessException refused) {
            show(Pages.refusal(faces, refused), "close", List.of("closeDate", "reason"));
            return null;
        }
        week = closeDate.toString();
        return done("site.closed", closed.date().toString());
    }

    /** A refusal next to its field (the service's field names, the page's ids), else next to the form's button. */
    private void show(BusinessException e, String form, List<String> fields) {
        if (e.fieldErrors().isEmpty()) {
            Pages.error(faces, form + ":submit", e);
            return;
        }
        for (BusinessException.FieldError error : e.fieldErrors()) {
            String field = error.field().equals("date") ? "closeDate" : error.field();
            field = field.startsWith("startTimes") ? "startTimes" : field;
            String id = fields.contains(field) ? field : fields.get(0);
            Pages.error(faces, form + ":" + id, e, "site." + id + ".invalid");
        }
    }

    private String site() {
        return getWeek().site().code();
    }

    private String done(String key, String... details) {
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                (Pages.text(faces, key) + " " + String.join(" ", details)).trim(), null));
        return "/manage/site?faces-redirect=true&code=" + site() + "&week=" + (week != null ? week : getWeek().monday());
    }

    public String getCode() { return code; }
    public void setCode(String code) { this.code = code; }
    public String getWeekParam() { return week; }
    public void setWeekParam(String week) { this.week = week; }
    public String getNameZh() { return nameZh; }
    public void setNameZh(String nameZh) { this.nameZh = nameZh; }
    public String getNameEn() { return nameEn; }
    public void setNameEn(String nameEn) { this.nameEn = nameEn; }
    public String getCounty() { return county; }
    public void setCounty(String county) { this.county = county; }
    public Integer getDailyCapacity() { return dailyCapacity; }
    public void setDailyCapacity(Integer dailyCapacity) { this.dailyCapacity = dailyCapacity; }
    public Integer getWalkInPercent() { return walkInPercent; }
    public void setWalkInPercent(Integer walkInPercent) { this.walkInPercent = walkInPercent; }
    public LocalTime getOpensAt() { return opensAt; }
    public void setOpensAt(LocalTime opensAt) { this.opensAt = opensAt; }
    public LocalTime getClosesAt() { return closesAt; }
    public void setClosesAt(LocalTime closesAt) { this.closesAt = closesAt; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public String getStartTimes() { return startTimes; }
    public void setStartTimes(String startTimes) { this.startTimes = startTimes; }
    public Integer getDurationMinutes() { return durationMinutes; }
    public void setDurationMinutes(Integer durationMinutes) { this.durationMinutes = durationMinutes; }
    public Integer getSlotCapacity() { return slotCapacity; }
    public void setSlotCapacity(Integer slotCapacity) { this.slotCapacity = slotCapacity; }
    public Long getSlotId() { return slotId; }
    public void setSlotId(Long slotId) { this.slotId = slotId; }
    public Integer getCapacity() { return capacity; }
    public void setCapacity(Integer capacity) { this.capacity = capacity; }
    public LocalDate getCloseDate() { return closeDate; }
    public void setCloseDate(LocalDate closeDate) { this.closeDate = closeDate; }
    public String getReason() { return reason; }
    public void setReason(String reason) { this.reason = reason; }
}
