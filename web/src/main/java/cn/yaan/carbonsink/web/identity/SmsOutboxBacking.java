package cn.yaan.carbonsink.web.identity;

import cn.yaan.carbonsink.identity.DevSmsOutbox;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/**
 * The development SMS outbox ({@code admin/sms.xhtml}, administrators only): the latest text messages the
 * development sender kept instead of sending, with the whole number and text. Empty and marked off in production.
 */
@Named("smsOutbox")
@RequestScoped
public class SmsOutboxBacking {

    static final int SHOWN = 50;

    @Inject
    DevSmsOutbox outbox;

    private List<DevSmsOutbox.Sent> messages;

    public boolean isOn() {
        return DevSmsOutbox.on();
    }

    public List<DevSmsOutbox.Sent> getMessages() {
        if (messages == null) {
            messages = isOn() ? outbox.latest(SHOWN) : List.of();
        }
        return messages;
    }
}
