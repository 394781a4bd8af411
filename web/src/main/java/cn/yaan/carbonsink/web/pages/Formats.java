package cn.yaan.carbonsink.web.pages;

import cn.yaan.carbonsink.shared.AppClock;
import cn.yaan.carbonsink.shared.Masking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How the pages write times (China Standard Time), money and names of other people ({@code #{fmt.time(...)}}). */
@Named("fmt")
@ApplicationScoped
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(AppClock.ZONE);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(AppClock.ZONE);

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** The time of day in China Standard Time. */
    public String clock(Instant instant) {
        return instant == null ? "" : CLOCK.format(instant);
    }

    /** Fen as yuan with two decimals. */
    public String yuan(long fen) {
        return yuanOf(fen);
    }

    public static String yuanOf(long fen) {
        return String.format("%d.%02d", fen / 100, fen % 100);
    }

    public String masked(String name) {
        return Masking.name(name);
    }
}
