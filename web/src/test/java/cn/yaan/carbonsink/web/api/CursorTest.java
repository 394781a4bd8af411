package cn.yaan.carbonsink.web.api;

import cn.yaan.carbonsink.shared.BusinessException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTest {

    @Test
    void aCursorComesBackAsItWentOutToTheNanosecond() {
        Cursor cursor = new Cursor(Instant.parse("2026-03-01T02:00:00.123456789Z"), 42);
        assertThat(cursor.text()).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.of(cursor.text())).isEqualTo(cursor);
        assertThat(Cursor.of(null)).isNull();
        assertThat(Cursor.of("")).isNull();
    }

    @Test
    void anythingElseIsRefusedNamingTheCursor() {
        for (String bad : new String[]{"bm90IGEgY3Vyc29y", "%%%", "MS4yLjM0NTY3ODkwMTIzNDU2Nzg5MDEyMzQ"}) {
            assertThatThrownBy(() -> Cursor.of(bad)).as(bad).isInstanceOf(BusinessException.class)
                    .hasMessageContaining("cursor");
        }
    }
}
