package cn.yaan.carbonsink.web.pages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Versioned addresses of the site's own scripts and styles: {@code ?v=} followed by the start of the file's SHA-256,
 * so an address never changes while its file does not, and changes with any edit. Browsers may then keep them a
 * year without asking ({@code platform/StaticCaching}); a new build with a changed file is fetched at once.
 * Faces resources ({@code h:outputStylesheet}, {@code h:outputScript}) get theirs from {@link VersionedResources};
 * module scripts, whose relative imports need the plain {@code /resources/} address, from {@code #{assets.url(...)}}.
 */
@Named("assets")
@ApplicationScoped
public class StaticAssets {

    private static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();

    @Inject
    ServletContext servletContext;

    /** The address of a file under {@code resources/} (e.g. {@code js/gate.js}) with its version. */
    public String url(String path) {
        String file = "/resources/" + path;
        return servletContext.getContextPath() + file + "?v=" + version(file, () -> servletContext.getResourceAsStream(file));
    }

    /** The version of one file, computed once per deployment (a file of a deployed WAR does not change). */
    static String version(String key, Supplier<InputStream> content) {
        return VERSIONS.computeIfAbsent(key, k -> digest(content.get(), k));
    }

    private static String digest(InputStream in, String key) {
        if (in == null) {
            throw new IllegalArgumentException("No static file " + key);
        }
        try (in) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
