package cn.yaan.carbonsink.identity;

/**
 * Sends a text message to a mainland mobile number, plugged in as a CDI bean: an adapter for a real SMS provider
 * implements this interface and is available once its configuration is complete. The embedded default and test
 * servers ship {@link DevSmsOutbox}, which keeps the messages for administrators to read instead of sending them.
 * Implementations never log the number or the text (which carries one-time codes).
 */
public interface SmsSender {

    /** Whether this sender can send now; with none available, what needs a text message says it is unavailable. */
    boolean available();

    /** Sends {@code text} to {@code phone} (11 digits), in the caller's transaction where the sender keeps anything. */
    void send(String phone, String text);
}
