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

    public static String publicUrl() {
        String url = get("carbonsink.public-url", "http://localhost:8080");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
