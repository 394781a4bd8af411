package cn.yaan.carbonsink.platform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something happened that systems connected to the platform may be told about (by webhook): fired by the context
 * where it happened and observed synchronously, in the transaction of the change, so that the outbox row commits or
 * rolls back with it. {@code organisationCode} is the organisation whose subscribers hear of it (a court, a scenic
 * site's operator), {@code null} for administrators' subscriptions only. The data never holds personal data: numbers,
 * codes, quantities and times.
 */
public record IntegrationEvent(Type type, String organisationCode, Map<String, Object> data) {

    /** The events, with their names on the wire and the kind of organisation that may subscribe to them. */
    public enum Type {
        RESTORATION_PAID("restoration.paid", Audience.COURT),
        RESTORATION_FULFILLED("restoration.fulfilled", Audience.COURT),
        RESTORATION_OVERDUE("restoration.overdue", Audience.COURT),
        BOOKING_CONFIRMED("booking.confirmed", Audience.SITE),
        BOOKING_CANCELLED("booking.cancelled", Audience.SITE),
        SITE_DAY_CLOSED("site.day-closed", Audience.SITE),
        CERTIFICATE_REVOKED("certificate.revoked", Audience.ADMIN);

        private final String wireName;
        private final Audience audience;

        Type(String wireName, Audience audience) {
            this.wireName = wireName;
            this.audience = audience;
        }

        public String wireName() {
            return wireName;
        }

        public Audience audience() {
            return audience;
        }

        public static Type ofWireName(String name) {
            for (Type t : values()) {
                if (t.wireName.equals(name)) {
                    return t;
                }
            }
            return null;
        }
    }

    /** Who may subscribe: a court's accounts, a scenic site's operators, or administrators only (they hear all). */
    public enum Audience { COURT, SITE, ADMIN }

    public IntegrationEvent {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** An event with its data given as name, value, name, value... (values: text, numbers, booleans, times). */
    public static IntegrationEvent of(Type type, String organisationCode, Object... namesAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            data.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new IntegrationEvent(type, organisationCode, data);
    }
}
