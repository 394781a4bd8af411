package cn.yaan.carbonsink.certificate;

import cn.yaan.carbonsink.shared.Timestamps;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The signed revocation list for offline verifiers (docs/CERTIFICATES.md, "The revocation list"). What is signed is
 * {@link #text()}, UTF-8, every line ending in {@code \n}:
 * <pre>
 * carbonsink-revocations 2
 * sequence {n}
 * kind FULL                      (or: kind DELTA {since})
 * generated {generatedAt}
 * {number} {revokedAt} {reason}  (one line per revocation, oldest first)
 * </pre>
 * Times are UTC with exactly three fraction digits ({@code 2026-11-25T08:30:00.000Z}, JavaScript's
 * {@code toISOString()}). {@code sequence} is the number of revocations ever made when the list was generated
 * (revocations are final, so it only grows): a verifier never replaces a list by one of a lower sequence, and a FULL
 * list has exactly {@code sequence} entries. A DELTA list holds the revocations at or after {@code since}. The other
 * fields repeat what the text says, for convenience; a verifier reads the text it verified.
 */
@Schema(requiredProperties = {"sequence"})
public record RevocationList(String keyId, long sequence, Kind kind, String since, String generatedAt,
                             List<Entry> entries, String text, String signature) {

    /** A FULL list holds every revocation; a DELTA list those at or after its {@code since}. */
    @Schema(name = "RevocationListKind")
    public enum Kind { FULL, DELTA }

    /**
     * One revocation: the dashed number, when (same digits as the revocation's answer), and why. {@code number}
     * repeats {@code certificateNo} for one release (deprecated).
     */
    @Schema(name = "RevocationEntry", requiredProperties = {"certificateNo", "number", "revokedAt", "reason"})
    public record Entry(String certificateNo,
                        @Schema(deprecated = true, description = "Deprecated: the same as certificateNo") String number,
                        String revokedAt, String reason) {
        public Entry(String certificateNo, String revokedAt, String reason) {
            this(certificateNo, certificateNo, revokedAt, reason);
        }
    }

    static final String HEADER = "carbonsink-revocations 2";
    private static final Pattern TIME_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Pattern ENTRY = Pattern.compile("([A-Z]-\\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]) (\\S+) (.*)");

    /** An instant as the list writes it: UTC, to the millisecond, always three fraction digits (as every answer). */
    public static String time(Instant instant) {
        return Timestamps.text(instant);
    }

    /** The instant of a time as the list writes it; empty for any other spelling. */
    public static Optional<Instant> parseTime(String text) {
        if (text == null || !TIME_TEXT.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The text that is signed. */
    static String text(long sequence, Kind kind, String since, String generatedAt, List<Entry> entries) {
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append("sequence ").append(sequence).append('\n')
                .append("kind ").append(kind).append(kind == Kind.DELTA ? " " + since : "").append('\n')
                .append("generated ").append(generatedAt).append('\n');
        for (Entry e : entries) {
            text.append(e.number()).append(' ').append(e.revokedAt()).append(' ').append(e.reason()).append('\n');
        }
        return text.toString();
    }

    /** A list made and signed now by the active key. */
    static RevocationList signed(SigningKeys keys, long sequence, Instant since, Instant generatedAt, List<Entry> entries) {
        Kind kind = since == null ? Kind.FULL : Kind.DELTA;
        String sinceText = since == null ? null : time(since);
        String generated = time(generatedAt);
        String text = text(sequence, kind, sinceText, generated, entries);
        return new RevocationList(keys.activeKeyId(), sequence, kind, sinceText, generated, List.copyOf(entries), text,
                SigningKeys.base64(keys.sign(text.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Reads a signed text (verify its signature first); empty when it is not a revocation list of this format: a
     * wrong header, a missing or extra line, a time in another spelling, a FULL list whose entry count is not its
     * sequence, or an entry before {@code since}.
     */
    public static Optional<RevocationList> parse(String text, String keyId, String signature) {
        if (text == null || !text.endsWith("\n")) {
            return Optional.empty();
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 4 || !lines[0].equals(HEADER) || !lines[1].matches("sequence (0|[1-9]\\d{0,17})")
                || !lines[3].startsWith("generated ")) {
            return Optional.empty();
        }
        long sequence = Long.parseLong(lines[1].substring("sequence ".length()));
        Kind kind;
        String since = null;
        if (lines[2].equals("kind FULL")) {
            kind = Kind.FULL;
        } else if (lines[2].startsWith("kind DELTA ") && parseTime(lines[2].substring("kind DELTA ".length())).isPresent()) {
            kind = Kind.DELTA;
            since = lines[2].substring("kind DELTA ".length());
        } else {
            return Optional.empty();
        }
        String generated = lines[3].substring("generated ".length());
        if (parseTime(generated).isEmpty()) {
            return Optional.empty();
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 4; i < lines.length; i++) {
            Matcher m = ENTRY.matcher(lines[i]);
            if (!m.matches() || parseTime(m.group(2)).isEmpty()
                    || (since != null && parseTime(m.group(2)).get().isBefore(parseTime(since).get()))) {
                return Optional.empty();
            }
            entries.add(new Entry(m.group(1), m.group(2), m.group(3)));
        }
        if (kind == Kind.FULL && entries.size() != sequence || entries.size() > sequence) {
            return Optional.empty();
        }
        return Optional.of(new RevocationList(keyId, sequence, kind, since, generated, List.copyOf(entries), text, signature));
    }

    /** This list's revocation of a (dashed) number, if it has one. */
    public Optional<Entry> revocationOf(String number) {
        return entries.stream().filter(e -> e.number().equals(number)).findFirst();
    }
}
