package cn.yaan.carbonsink.identity;

import java.util.Optional;

/**
 * The password rule, one place for every way an account is made: 8 to 128 characters, at least one letter and one
 * digit, and not the username. Length beats composition rules; the cap keeps PBKDF2 from hashing megabytes.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** The reason the password is refused, or empty when it is acceptable. */
    public static Optional<String> problem(String password, String username) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("The password must have at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("The password must have at most " + MAX_LENGTH + " characters.");
        }
        if (password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)) {
            return Optional.of("The password must contain at least one letter and one digit.");
        }
        if (username != null && password.equalsIgnoreCase(username)) {
            return Optional.of("The password must not be the username.");
        }
        return Optional.empty();
    }
}
