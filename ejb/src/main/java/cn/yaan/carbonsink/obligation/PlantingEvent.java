package cn.yaan.carbonsink.obligation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;

/** A planting event (义务植树活动) organised by the forestry bureau: where, when, how many places, trees each. */
@Entity
@Table(name = "planting_event")
@NamedQuery(name = "PlantingEvent.from", query = "select e from PlantingEvent e where e.date >= :from order by e.date, e.id")
public class PlantingEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(nullable = false, length = 200)
    String site;
    @Column(name = "event_date", nullable = false)
    LocalDate date;
    @Column(nullable = false)
    int places;
    @Column(name = "trees_per_attendee", nullable = false)
    int treesPerAttendee;
    @Column(name = "created_by", nullable = false, length = 64)
    String createdBy;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;

    protected PlantingEvent() {
    }

    PlantingEvent(String site, LocalDate date, int places, int treesPerAttendee, String createdBy, Instant createdAt) {
        this.site = site;
        this.date = date;
        this.places = places;
        this.treesPerAttendee = treesPerAttendee;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    public long id() { return id; }
    public String site() { return site; }
    public LocalDate date() { return date; }
    public int places() { return places; }
    public int treesPerAttendee() { return treesPerAttendee; }
}
