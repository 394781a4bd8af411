package cn.yaan.carbonsink.identity;

import cn.yaan.carbonsink.shared.BusinessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The development outbox is there on the embedded default and on test servers only: a production server without a
 * real SMS provider sends nothing, keeps nothing and shows no outbox, so the password reset says it is unavailable.
 */
class DevSmsOutboxTest {

    @AfterEach
    void clear() {
        System.clearProperty("carbonsink.embedded");
        System.clearProperty("carbonsink.clock.controllable");
    }

    @Test
    void productionHasNoOutbox() {
        DevSmsOutbox outbox = new DevSmsOutbox();
        assertThat(outbox.available()).isFalse();
        assertThatThrownBy(() -> outbox.send("13912345678", "code 123456")).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("13912345678").hasMessageNotContaining("123456");
        assertThatThrownBy(() -> outbox.latest(10)).isInstanceOf(BusinessException.class)
                .satisfies(e -> assertThat(((BusinessException) e).kind()).isEqualTo(BusinessException.Kind.NOT_FOUND));
    }

    @Test
    void theEmbeddedDefaultAndTestServersHaveOne() {
        System.setProperty("carbonsink.embedded", "true");
        assertThat(new DevSmsOutbox().available()).isTrue();
        System.clearProperty("carbonsink.embedded");
        System.setProperty("carbonsink.clock.controllable", "true");
        assertThat(new DevSmsOutbox().available()).isTrue();
    }
}
