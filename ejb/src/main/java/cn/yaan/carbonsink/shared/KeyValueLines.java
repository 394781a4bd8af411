package cn.yaan.carbonsink.shared;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Structured fields kept in one text column: one {@code key=value} per line, in their order. Keys are lower-case
 * words; values are one line each (a line break in a value is refused rather than silently changing the fields).
 */
public final class KeyValueLines {

    private KeyValueLines() {
    }

    public static String join(Map<String, String> fields) {
        fields.forEach(KeyValueLines::check);
        return fields.isEmpty() ? null : fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    /** The fields of a column written by {@link #join}; null or empty gives none. */
    public static Map<String, String> parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (text != null) {
            text.lines().filter(l -> l.indexOf('=') > 0)
                    .forEach(l -> fields.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        }
        return fields;
    }

    public static void check(String key, String value) {
        if (!key.matches("[a-z][a-zA-Z]*") || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("A field is a word and a one-line value: " + key);
        }
    }
}
