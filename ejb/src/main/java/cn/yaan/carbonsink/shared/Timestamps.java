package cn.yaan.carbonsink.shared;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one spelling of an instant the platform writes for others to read (JSON answers, webhook bodies, the signed
 * revocation list, CSV exports): UTC with its offset written {@code Z}, to the millisecond, always three fraction
 * digits ({@code 2026-11-25T08:30:00.000Z}, RFC 3339 and JavaScript's {@code toISOString()}). The same instant is
 * therefore the same text in every answer, whatever precision the database kept.
 */
public final class Timestamps {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** The instant as the platform writes it; null for null. */
    public static String text(Instant instant) {
        return instant == null ? null : TEXT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
