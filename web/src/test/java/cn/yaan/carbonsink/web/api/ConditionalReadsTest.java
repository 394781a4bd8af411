package cn.yaan.carbonsink.web.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionalReadsTest {

    @Test
    void theTagFollowsTheJsonAndIsWeak() {
        String tag = ConditionalReads.tag("{\"a\":1}");
        assertThat(tag).matches("W/\"[0-9a-f]{32}\"");
        assertThat(ConditionalReads.tag("{\"a\":1}")).isEqualTo(tag);
        assertThat(ConditionalReads.tag("{\"a\":2}")).isNotEqualTo(tag);
    }

    @Test
    void ifNoneMatchComparesWeaklyAndAcceptsAListOrAStar() {
        String tag = "W/\"abc\"";
        assertThat(ConditionalReads.matches("W/\"abc\"", tag)).isTrue();
        assertThat(ConditionalReads.matches("\"abc\"", tag)).as("a strong copy of the same tag").isTrue();
        assertThat(ConditionalReads.matches("\"x\", W/\"abc\"", tag)).isTrue();
        assertThat(ConditionalReads.matches("*", tag)).isTrue();
        assertThat(ConditionalReads.matches("W/\"abd\"", tag)).isFalse();
        assertThat(ConditionalReads.matches("", tag)).isFalse();
        assertThat(ConditionalReads.matches(null, tag)).isFalse();
    }

    @Test
    void answersWriteInstantsOneWay() {
        assertThat(JsonbConfiguration.JSONB.toJson(Map.of("at", Instant.parse("2026-01-02T03:04:05.120300Z"))))
                .isEqualTo("{\"at\":\"2026-01-02T03:04:05.120Z\"}");
    }
}
