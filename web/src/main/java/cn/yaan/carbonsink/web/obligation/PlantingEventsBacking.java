package cn.yaan.carbonsink.web.obligation;

import cn.yaan.carbonsink.web.pages.Pages;

import cn.yaan.carbonsink.obligation.PlantingEventService;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.web.security.CurrentCaller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.inject.Named;

import java.time.LocalDate;
import java.util.List;

/**
 * The officer's planting events ({@code officer/events.xhtml}): creating one, and recording attendances by the
 * citizen's QR code (typed by a hand scanner into the field, or pasted).
 */
@Named
@RequestScoped
public class PlantingEventsBacking {


    @Inject

    PlantingEventService eventService;

    @Inject
    CurrentCaller caller;

    @Inject
    FacesContext faces;

    private List<PlantingEventService.EventView> events;
    private String site;
    private LocalDate date;
    private Integer places;
    private Integer treesPerAttendee = 3;
    private Long eventId;
    private String citizenQr;
    private Integer trees;

    public List<PlantingEventService.EventView> getEvents() {
        if (events == null) {
            events = eventService.upcomingEvents();
        }
        return events;
    }

    public String create() {
        try {
            var event = eventService.createEvent(new PlantingEventService.NewEvent(site, date, places, treesPerAttendee),
                    caller.required().username());
            return done("officer.events.created", event.site() + " " + event.date());
        } catch (ConstraintViolationException | BusinessException refused) {
            BusinessException e = refused instanceof ConstraintViolationException v ? Pages.invalid(faces, v)
                    : (BusinessException) refused;
            String field = e.fieldErrors().isEmpty() ? "site" : e.fieldErrors().get(0).field();
            Pages.error(faces, "newEvent:" + field, e);
            return null;
        }
    }

    public String attend() {
        try {
            var attendance = eventService.recordAttendance(eventId, citizenQr, trees, caller.required().username());
            // The event stays chosen: the officer scans the next citizen in the queue.
            return done("officer.events.attended", attendance.citizen() + " +" + attendance.trees()) + "&event=" + eventId;
        } catch (BusinessException e) {
            Pages.error(faces, "attend:citizenQr", e);
            return null;
        }
    }

    private String done(String key, String detail) {
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Pages.text(faces, key) + " " + detail, null));
        return "/officer/events?faces-redirect=true";
    }

    public String getSite() { return site; }
    public void setSite(String site) { this.site = site; }
    public LocalDate getDate() { return date; }
    public void setDate(LocalDate date) { this.date = date; }
    public Integer getPlaces() { return places; }
    public void setPlaces(Integer places) { this.places = places; }
    public Integer getTreesPerAttendee() { return treesPerAttendee; }
    public void setTreesPerAttendee(Integer treesPerAttendee) { this.treesPerAttendee = treesPerAttendee; }
    public Long getEventId() { return eventId; }
    public void setEventId(Long eventId) { this.eventId = eventId; }
    public String getCitizenQr() { return citizenQr; }
    public void setCitizenQr(String citizenQr) { this.citizenQr = citizenQr; }
    public Integer getTrees() { return trees; }
    public void setTrees(Integer trees) { this.trees = trees; }
}
