package cn.yaan.carbonsink.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The password rule, one place for every way an account is made: 8 to 128 characters, at least one letter and one
 * digit, not containing the username, and not one of the passwords attackers try first (NIST SP 800-63B 5.1.1.2:
 * the common-password lists under {@code /passwords} in the resources module, compared in lower case). Length and
 * the list beat composition rules; the cap keeps PBKDF2 from hashing megabytes.
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
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && lower.contains(username.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("The password must not contain the username.");
        }
        if (Common.PASSWORDS.contains(lower)) {
            return Optional.of("This password is one of the most common ones, which attackers try first; choose "
                    + "another (a few unrelated words make a strong one).");
        }
        return Optional.empty();
    }

    /** The lists, read once; a missing list stops every account from being made rather than letting all through. */
    private static final class Common {
        static final Set<String> PASSWORDS = read("/passwords/common-passwords.txt", "/passwords/common-passwords-zh.txt");

        private static Set<String> read(String... lists) {
            Set<String> passwords = new HashSet<>();
            for (String list : lists) {
                try (InputStream in = PasswordPolicy.class.getResourceAsStream(list)) {
                    if (in == null) {
                        throw new IllegalStateException("The common-password list " + list + " is missing");
                    }
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                            .map(String::strip).filter(p -> !p.isEmpty())
                            .forEach(p -> passwords.add(p.toLowerCase(Locale.ROOT)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return Set.copyOf(passwords);
        }
    }
}
