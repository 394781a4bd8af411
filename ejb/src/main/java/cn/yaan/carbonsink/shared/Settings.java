package cn.yaan.carbonsink.shared;

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

    public static String publicUrl() {
        String url = get("carbonsink.public-url", "http://localhost:8080");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
