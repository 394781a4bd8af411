package cn.yaan.carbonsink.shared;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    private static final String KEY = "carbonsink.test.secret";

    @AfterEach
    void clear() {
        System.clearProperty(KEY);
        System.clearProperty(KEY + ".file");
    }

    @Test
    void aSecretComesFromItsPropertyFirstThenFromItsFile(@TempDir Path dir) throws Exception {
        assertThat(Settings.secret(KEY)).isNull();
        Path file = Files.writeString(dir.resolve("secret"), "  from the file\n");
        System.setProperty(KEY + ".file", file.toString());
        assertThat(Settings.secret(KEY)).isEqualTo("from the file");
        System.setProperty(KEY, "from the property");
        assertThat(Settings.secret(KEY)).isEqualTo("from the property");
        System.setProperty(KEY, " ");
        assertThat(Settings.secret(KEY)).as("a blank property is unset").isEqualTo("from the file");
    }

    @Test
    void anEmptyFileIsNoSecretAndAMissingOneIsAnError(@TempDir Path dir) throws Exception {
        System.setProperty(KEY + ".file", Files.writeString(dir.resolve("empty"), "\n").toString());
        assertThat(Settings.secret(KEY)).isNull();
        System.setProperty(KEY + ".file", dir.resolve("absent").toString());
        assertThatThrownBy(() -> Settings.secret(KEY)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(KEY);
    }
}
