package cn.yaan.carbonsink.shared;

/**
 * How names and ID numbers appear where the public can see them (docs/DOMAIN.md section 6): a person's name keeps its
 * first character ({@code 张*}, {@code 欧阳**} becomes {@code 欧**}), a longer name such as an enterprise's keeps
 * its first and last two characters, an ID number its first 6 and last 4 ({@code 110105********1234}).
 */
public final class Masking {

    private Masking() {
    }

    /**
     * The masked name. Text that cannot be seen or that reorders what follows (a right-to-left override stored before
     * {@link FreeText} refused it) is left out first, so it cannot survive into a public page.
     */
    public static String name(String name) {
        String visible = name == null ? "" : FreeText.visible(name).strip();
        if (visible.isEmpty()) {
            return "";
        }
        int[] cps = visible.codePoints().toArray();
        if (cps.length <= 1) {
            return "*";
        }
        if (cps.length <= 4) {
            return new String(cps, 0, 1) + "*".repeat(cps.length - 1);
        }
        return new String(cps, 0, 2) + "***" + new String(cps, cps.length - 2, 2);
    }

    /** Never the whole number: one too short to hide a character between its first 6 and last 4 is all stars. */
    public static String idNumber(String id) {
        if (id == null || id.length() <= 10) {
            return "*".repeat(id == null ? 0 : id.length());
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }

    /** A mobile number with its middle four digits hidden ({@code 139****5678}); a shorter one is all stars. */
    public static String phone(String phone) {
        if (phone == null || phone.length() < 11) {
            return "*".repeat(phone == null ? 0 : phone.length());
        }
        return phone.substring(0, 3) + "****" + phone.substring(7);
    }
}
