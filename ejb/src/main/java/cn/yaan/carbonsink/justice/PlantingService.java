package cn.yaan.carbonsink.justice;

import cn.yaan.carbonsink.identity.Caller;
import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.BusinessException;
import cn.yaan.carbonsink.shared.Decimals;
import cn.yaan.carbonsink.shared.FreeText;
import cn.yaan.carbonsink.shared.Sha256;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;


import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Fieldwork on a court's replanting order (补植复绿): forestry officers record plantings with their place and photos,
 * and survival inspections; the final inspection accepts the replanting or converts its shortfall into units in lieu.
 * Every step locks the order's row first, so two officers (or nodes) never apply the same step twice.
 */
@Stateless
public class PlantingService {

    static final Decimals.Range LATITUDE = Decimals.Range.between("-90", "90", 6);
    static final Decimals.Range LONGITUDE = Decimals.Range.between("-180", "180", 6);

    @PersistenceContext
    EntityManager em;

    @Inject
    AppClock clock;

    @Inject
    RestorationOrders orders;

    public record NewPlanting(@NotNull @Schema(examples = "2026-04-01") LocalDate date,
                              @NotNull @Min(1) @Max(1_000_000) @Schema(examples = "100") Integer trees,
                              @NotBlank @Schema(maxLength = Species.NAME_MAX, examples = "云杉") String species,
                              @NotNull @DecimalMin("-90") @DecimalMax("90") @Digits(integer = 2, fraction = 6)
                              @Schema(examples = "30.3821") BigDecimal latitude,
                              @NotNull @DecimalMin("-180") @DecimalMax("180") @Digits(integer = 3, fraction = 6)
                              @Schema(examples = "102.8123") BigDecimal longitude) {
    }

    /** An officer records trees planted for a replanting order. */
    public RestorationOrder plant(long id, @NotNull @Valid NewPlanting p, Caller caller) {
        RestorationOrder order = orders.locked(id, caller);
        orders.requireOpen(order);
        if (!order.remedy().replants()) {
            throw BusinessException.conflict("no-replanting", "A PURCHASE_IN_LIEU order has no replanting.");
        }
        if (order.status() == RestorationStatus.CONVERTED) {
            throw BusinessException.conflict("converted", "The shortfall of this order was converted into units in lieu.");
        }
        orders.notBefore("date", p.date(), order.judgmentDate(), "the judgment date");
        orders.notFuture("date", p.date());
        String species = FreeText.required("species", p.species(), Species.NAME_MAX);
        LATITUDE.require("latitude", p.latitude());
        LONGITUDE.require("longitude", p.longitude());
        em.persist(new RestorationPlanting(order.id(), p.date(), p.trees(), species, p.latitude(),
                p.longitude(), caller.username(), clock.now()));
        order.planted(p.trees());
        orders.event(order, caller.username(), "PLANTED", p.trees() + " " + species + " on " + p.date()
                + " at " + p.latitude().toPlainString() + "," + p.longitude().toPlainString()
                + " (" + order.plantedTrees() + " of " + order.replantTrees() + " planted)",
                RestorationOrders.fields("trees", p.trees(), "species", species, "date", p.date(),
                        "planted", order.plantedTrees(), "required", order.replantTrees()));
        orders.fulfilIfComplete(order, caller.username());
        return order;
    }

    /**
     * An officer adds a photo to a planting of an open order: re-encoded by {@link PlantingPhotos}, at most
     * {@link RestorationPhoto#MAX_PER_PLANTING} per planting (409 {@code too-many-photos}).
     */
    public RestorationPhoto addPhoto(long id, long plantingId, byte[] upload, Caller caller) {
        RestorationOrder order = orders.locked(id, caller);
        orders.requireOpen(order);
        RestorationPlanting planting = em.find(RestorationPlanting.class, plantingId);
        if (planting == null || planting.orderId != order.id()) {
            throw BusinessException.notFound("No planting " + plantingId + " of order " + id + ".");
        }
        if (em.createNamedQuery("RestorationPhoto.countOfPlanting", Long.class).setParameter("planting", plantingId)
                .getSingleResult() >= RestorationPhoto.MAX_PER_PLANTING) {
            throw BusinessException.conflict("too-many-photos", "A planting has at most "
                    + RestorationPhoto.MAX_PER_PLANTING + " photos.");
        }
        PlantingPhotos.Photo photo = PlantingPhotos.reencode(upload);
        RestorationPhoto stored = new RestorationPhoto(order.id(), plantingId, photo, Sha256.hex(photo.jpeg()),
                caller.username(), clock.now());
        em.persist(stored);
        em.flush();
        orders.event(order, caller.username(), "PHOTO", "photo " + stored.id() + " of the planting on " + planting.plantedOn()
                + " (" + photo.width() + " x " + photo.height() + ")",
                RestorationOrders.fields("date", planting.plantedOn()));
        return stored;
    }

    /** A photo of an order the caller may see; 404 otherwise. */
    public RestorationPhoto photo(long id, long photoId, Caller caller) {
        RestorationOrder order = orders.find(id, caller);
        RestorationPhoto photo = em.find(RestorationPhoto.class, photoId);
        if (photo == null || photo.orderId != order.id()) {
            throw BusinessException.notFound("No photo " + photoId + " of order " + id + ".");
        }
        return photo;
    }

    /** A survival inspection as an officer records it. */
    public record NewInspection(@NotNull @Schema(examples = "2026-10-01") LocalDate date,
                                @NotNull @Min(0) @Max(1_000_000) @Schema(examples = "90") Integer survivingTrees,
                                Boolean finalInspection) {
    }

    /**
     * An officer records a survival inspection. {@code finalInspection} null: final when on or after the last scheduled
     * inspection (years after the planting due date).
     */
    public RestorationOrder inspect(long id, @NotNull @Valid NewInspection i, Caller caller) {
        LocalDate date = i.date();
        int surviving = i.survivingTrees();
        Boolean finalCheck = i.finalInspection();
        RestorationOrder order = orders.locked(id, caller);
        orders.requireOpen(order);
        if (!order.remedy().replants()) {
            throw BusinessException.conflict("no-replanting", "A PURCHASE_IN_LIEU order has no replanting to inspect.");
        }
        if (order.status() == RestorationStatus.CONVERTED) {
            throw BusinessException.conflict("converted", "The shortfall of this order was converted into units in lieu.");
        }
        if (order.plantedTrees() == 0) {
            throw BusinessException.unprocessable("nothing-planted", "No planting is recorded for this order yet.");
        }
        if (surviving > order.plantedTrees()) {
            throw BusinessException.invalid("survivingTrees", "Only " + order.plantedTrees() + " trees were planted.");
        }
        orders.notFuture("date", date);
        orders.notBefore("date", date, order.judgmentDate(), "the judgment date");
        boolean last = finalCheck != null ? finalCheck : order.finalInspectionOn(date);
        RestorationInspection inspection = new RestorationInspection(order.id(), date, order.plantedTrees(), surviving,
                last, caller.username(), clock.now());
        em.persist(inspection);
        long converted = order.inspected(surviving, last);
        int required = RestorationOrder.requiredSurviving(order.replantTrees(), order.survivalThreshold());
        orders.event(order, caller.username(), last ? "FINAL_INSPECTION" : "INSPECTION", surviving + " of "
                + order.plantedTrees() + " surviving on " + date + " (" + inspection.survivalRate().toPlainString()
                + "%; " + required + " required at the final inspection)",
                RestorationOrders.fields("surviving", surviving, "planted", order.plantedTrees(), "date", date,
                        "rate", inspection.survivalRate().toPlainString(), "required", required));
        if (converted > 0) {
            orders.event(order, caller.username(), "CONVERTED", (required - surviving) + " trees short: " + converted
                    + " kg of units in lieu due", RestorationOrders.fields("short", required - surviving,
                    "kg", converted));
        }
        orders.fulfilIfComplete(order, caller.username());
        return order;
    }
}
