package cn.yaan.carbonsink.it;

/**
 * The GB 11643 check character of resident ID numbers, for the numbers tests make up. Depends on nothing, so the
 * in-container tests can carry it into the server.
 */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    private IdNumbers() {
    }

    /** The 17 digits followed by their check character. */
    public static String withCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }
}
