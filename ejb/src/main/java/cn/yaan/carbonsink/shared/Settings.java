package cn.yaan.carbonsink.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Deployment settings: system properties set by the server configuration (ear/src/main/wildfly/*.cli), each
 * overridable there by an environment variable. Domain settings an officer may change live in the database instead.
 */
public final class Settings {

    private Settings() {
    }

    public static String get(String key, String defaultValue) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /**
     * A secret: the system property {@code key}, or else the content (trimmed) of the file that the property
     * {@code key.file} names. A file readable by the server's account only keeps the secret out of the server's
     * configuration model, where any management user could read a property's value.
     */
    public static String secret(String key) {
        String value = get(key, null);
        if (value != null) {
            return value;
        }
        String file = secretFile(key);
        if (file == null) {
            return null;
        }
        try {
            String content = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            return content.isEmpty() ? null : content;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the file of " + key + " (" + file + "): " + e.getMessage(), e);
        }
    }

    /** The file named for the secret {@code key} ({@code key.file}), or null. */
    public static String secretFile(String key) {
        return get(key + ".file", null);
    }

    public static boolean flag(String key) {
        return Boolean.parseBoolean(get(key, "false"));
    }

    public static boolean demo() {
        return flag("carbonsink.demo");
    }

    /**
     * Whether this is the embedded default ({@code carbonsink.embedded=true}, set by the H2 server configuration),
     * which may generate its own secrets. Every other configuration is production and must be given them.
     */
    public static boolean embedded() {
        return flag("carbonsink.embedded");
    }

    /** The address people reach the site at ({@code carbonsink.public-url}), without a trailing slash. */
    public static String publicUrl() {
        String url = get("carbonsink.public-url", "http://localhost:8080");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Whether the public address is configured. Only the embedded default may run without (production refuses to
     * start, see RequiredSecrets): it then builds its addresses from the one each request came to.
     */
    public static boolean publicUrlConfigured() {
        return get("carbonsink.public-url", null) != null;
    }
}
