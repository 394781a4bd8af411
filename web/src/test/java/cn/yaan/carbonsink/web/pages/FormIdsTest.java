package cn.yaan.carbonsink.web.pages;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faces sends a form's id as a request parameter of that name (it is how the server knows which form came back). A
 * view parameter of the same name receives it, fails its conversion, and the page keeps what was typed and does
 * nothing, without a word: the officer's "new event" form did that beside the page's {@code event} parameter. No page
 * names a form (its own, or one of the templates') like one of its view parameters.
 */
class FormIdsTest {

    private static final Path WEBAPP = Path.of("src/main/webapp");
    private static final Pattern FORM = Pattern.compile("<h:form\\s[^>]*\\bid=\"([^\"]+)\"");
    private static final Pattern VIEW_PARAM = Pattern.compile("<f:viewParam\\s[^>]*\\bname=\"([^\"]+)\"");

    @Test
    void noFormIsNamedLikeAViewParameterOfItsPage() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(WEBAPP)) {
            files = walk.filter(f -> f.toString().endsWith(".xhtml")).toList();
        }
        Set<String> sharedForms = new HashSet<>();
        for (Path file : files) {
            if (WEBAPP.relativize(file).startsWith("WEB-INF")) {
                sharedForms.addAll(all(FORM, Files.readString(file)));
            }
        }
        List<String> clashes = new ArrayList<>();
        int parameters = 0;
        for (Path page : files) {
            String text = Files.readString(page);
            Set<String> forms = new HashSet<>(sharedForms);
            forms.addAll(all(FORM, text));
            for (String parameter : all(VIEW_PARAM, text)) {
                parameters++;
                if (forms.contains(parameter)) {
                    clashes.add(WEBAPP.relativize(page) + ": form and view parameter '" + parameter + "'");
                }
            }
        }
        assertThat(parameters).as("view parameters found (the scan reads the pages)").isGreaterThan(5);
        assertThat(clashes).isEmpty();
    }

    private static Set<String> all(Pattern pattern, String text) {
        Set<String> found = new HashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
