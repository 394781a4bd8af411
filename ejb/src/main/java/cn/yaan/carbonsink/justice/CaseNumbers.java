package cn.yaan.carbonsink.justice;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Chinese court case numbers (案号, docs/DOMAIN.md section 2), e.g. {@code (2025)川1802刑初123号}: year in parentheses,
 * court code (province abbreviation and digits), case type (刑初, 民初, 行初, 刑终...), sequence, 号. ASCII and
 * full-width parentheses are both accepted; the canonical form uses full-width ones, as judgments print them.
 */
public final class CaseNumbers {

    private static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼港澳台兵";
    private static final Pattern CASE = Pattern.compile(
            "[(（]\\s*((?:19|20)\\d{2})\\s*[)）]\\s*([" + PROVINCES + "]\\d{2,6})\\s*"
                    + "([\\u4e00-\\u9fa5]{1,4}?)\\s*(\\d{1,6})\\s*号");

    private CaseNumbers() {
    }

    public record CaseNumber(int year, String court, String type, int sequence) {
        /** The canonical form: {@code （2025）川1802刑初123号}. */
        public String canonical() {
            return "（" + year + "）" + court + type + sequence + "号";
        }
    }

    public static Optional<CaseNumber> parse(String text) {
        if (text == null || text.length() > 60) {
            return Optional.empty();
        }
        Matcher m = CASE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int sequence = Integer.parseInt(m.group(4));
        return sequence == 0 ? Optional.empty()
                : Optional.of(new CaseNumber(Integer.parseInt(m.group(1)), m.group(2), m.group(3), sequence));
    }
}
