package cn.yaan.carbonsink.webhook;

import cn.yaan.carbonsink.shared.BusinessException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where webhooks may not be sent (server-side request forgery), with loopback refused as in production. */
class WebhookUrlsTest {

    @AfterEach
    void reset() {
        System.clearProperty("carbonsink.webhooks.allow-loopback");
    }

    private static void refused(String url) {
        assertThatThrownBy(() -> WebhookUrls.check(url)).as(url).isInstanceOf(BusinessException.class)
                .satisfies(e -> assertThat(((BusinessException) e).fieldErrors()).extracting(BusinessException.FieldError::field)
                        .containsExactly("url"));
    }

    @Test
    void linkLocalMetadataUnspecifiedAndMulticastAddressesAreRefused() {
        for (String url : new String[]{"https://169.254.169.254/latest/meta-data/", "http://169.254.169.254/",
                "https://100.100.100.200/latest/meta-data/", "https://[fd00:ec2::254]/", "https://[fe80::1]/",
                "https://0.0.0.0/", "https://224.0.0.1/", "https://[::]/"}) {
            refused(url);
        }
    }

    @Test
    void loopbackIsRefusedUnlessTheSettingAllowsIt() {
        for (String url : new String[]{"https://127.0.0.1/hooks", "http://localhost:8080/hooks", "https://[::1]/",
                "https://127.1.2.3/"}) {
            refused(url);
        }
        System.setProperty("carbonsink.webhooks.allow-loopback", "true");
        assertThat(WebhookUrls.check("http://127.0.0.1:9090/hooks")).isEqualTo(URI.create("http://127.0.0.1:9090/hooks"));
    }

    @Test
    void onlyHttpsToOtherHostsAndOnlyPlainAddresses() {
        refused("http://10.1.2.3/hooks");
        refused("ftp://10.1.2.3/hooks");
        refused("https://user:secret@10.1.2.3/hooks");
        refused("https://10.1.2.3/hooks#x");
        refused("https://10.1.2.3/\u4E2D");
        refused("https://10.1.2.3/a b");
        refused("");
        refused(null);
        refused("https://" + "a".repeat(2000) + ".cn/");
        assertThat(WebhookUrls.check("https://10.1.2.3/hooks?court=1802")).hasHost("10.1.2.3");
    }
}
