package cn.yaan.carbonsink.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The project carries the knowledge it relies on: code, comments, pages, bundles, migrations and the README cite the
 * repository's own documents ({@code docs/...}), never a document that lives only outside the repository. The four
 * names below were such documents; a citation of one without {@code docs/} fails the build. Migrations V1 to V9 are
 * left out because they cannot change (their checksums are recorded in every database); their "section N" means
 * docs/DOMAIN.md, which says so at its top.
 */
class NoOutsideDocumentsTest {

    private static final Pattern OUTSIDE = Pattern.compile("(?<!docs/)\\b(DOMAIN|DESIGN|TOOLCHAIN|STYLE)\\.md",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FROZEN_MIGRATION = Pattern.compile("resources/src/main/resources/db/.*/V[1-9]__[^/]*\\.sql");
    private static final long LARGEST_TEXT = 2L << 20;

    @Test
    void noFileCitesADocumentOutsideTheRepository() {
        Path root = repositoryRoot();
        List<String> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    Path relative = root.relativize(dir);
                    return dir.equals(root) || scanned(relative) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile() && scanned(root.relativize(file))) {
                        found.addAll(citations(root, file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(found).as("cite docs/<name> in the repository, or say the fact in place").isEmpty();
    }

    @Test
    void theGuardSeesACitationAndItsExceptions() {
        // Written in two parts, or this file would cite them itself.
        assertThat(OUTSIDE.matcher("see DOMAIN" + ".md section 3").find()).isTrue();
        assertThat(OUTSIDE.matcher("(Toolchain" + ".md: 8x faster)").find()).isTrue();
        assertThat(OUTSIDE.matcher("see docs/DOMAIN" + ".md section 3").find()).isFalse();
        assertThat(OUTSIDE.matcher("the MYDOMAIN" + ".md file").find()).isFalse();
        assertThat(scanned(Path.of("resources/src/main/resources/db/migration/V5__species_parameters.sql"))).isFalse();
        assertThat(scanned(Path.of("resources/src/main/resources/db/vendor/postgresql/V3__audit_append_only.sql"))).isFalse();
        assertThat(scanned(Path.of("resources/src/main/resources/db/migration/V13__reference_data_sources.sql"))).isTrue();
        assertThat(scanned(Path.of("docs/ARCHITECTURE.md"))).isFalse();
        assertThat(scanned(Path.of("web/target/classes/x.properties"))).isFalse();
        assertThat(scanned(Path.of("README.md"))).isTrue();
    }

    private static boolean scanned(Path relative) {
        String path = relative.toString().replace('\\', '/');
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals(".git")) {
                return false;
            }
        }
        return !path.equals("docs") && !path.startsWith("docs/") && !FROZEN_MIGRATION.matcher(path).matches();
    }

    private static List<String> citations(Path root, Path file) {
        try {
            if (Files.size(file) > LARGEST_TEXT) {
                return List.of();
            }
            // ISO-8859-1 reads any bytes; the names looked for are ASCII.
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            List<String> found = new ArrayList<>();
            Matcher m = OUTSIDE.matcher(text);
            while (m.find()) {
                int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                found.add(root.relativize(file) + ":" + line + ": " + m.group());
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory holding the parent pom and the Maven wrapper, above the module's own directory. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("web"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
    }
}
