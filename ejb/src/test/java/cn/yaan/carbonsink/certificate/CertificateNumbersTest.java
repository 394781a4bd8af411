package cn.yaan.carbonsink.certificate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateNumbersTest {

    @Test
    void generatedNumbersHaveTheDocumentedShapeAndCheck() {
        for (CertificateKind kind : CertificateKind.values()) {
            String number = CertificateNumbers.generate(kind, 2026);
            assertThat(number).matches(kind.letter + "-2026-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]");
            assertThat(CertificateNumbers.normalize(number)).contains(number);
        }
    }

    @Test
    void typedNumbersAreForgiving() {
        String number = CertificateNumbers.generate(CertificateKind.RETIREMENT, 2026);
        String typed = number.toLowerCase().replace("-", " ").replace('0', 'o').replace('1', 'l');
        assertThat(CertificateNumbers.normalize(typed)).contains(number);
    }

    @Test
    void everySingleWrongCharacterAndEveryNeighbourSwapButZeroZIsCaught() {
        // Every position, the kind letter and the year included: any other letter, digit or kind letter.
        String others = CertificateNumbers.ALPHABET + "ILOU";
        for (int n = 0; n < 200; n++) {
            CertificateKind kind = CertificateKind.values()[n % CertificateKind.values().length];
            String compact = CertificateNumbers.compact(CertificateNumbers.generate(kind, 2000 + n % 100));
            for (int i = 0; i < compact.length(); i++) {
                for (char c : others.toCharArray()) {
                    if (c == compact.charAt(i)) {
                        continue;
                    }
                    String wrong = compact.substring(0, i) + c + compact.substring(i + 1);
                    // O, I and L are read as 0, 1 and 1: typing them for those is not a mistake.
                    if (!CertificateNumbers.normalize(wrong).equals(CertificateNumbers.normalize(compact))) {
                        assertThat(CertificateNumbers.normalize(wrong)).as(wrong).isEmpty();
                    } else {
                        assertThat("" + compact.charAt(i) + c).as(wrong).isIn("0O", "1I", "1L");
                    }
                }
            }
            for (int i = 0; i + 1 < compact.length(); i++) {
                // Luhn mod N's one blind spot: swapping the first and last symbols of the alphabet (0 and Z).
                String pair = "" + compact.charAt(i) + compact.charAt(i + 1);
                if (compact.charAt(i) != compact.charAt(i + 1) && !pair.equals("0Z") && !pair.equals("Z0")) {
                    String swapped = compact.substring(0, i) + compact.charAt(i + 1) + compact.charAt(i) + compact.substring(i + 2);
                    assertThat(CertificateNumbers.normalize(swapped)).as(swapped).isEmpty();
                }
            }
        }
    }

    @Test
    void anotherKindOrYearIsAnotherNumberThatFailsItsCheck() {
        String number = CertificateNumbers.generate(CertificateKind.RETIREMENT, 2026);
        for (CertificateKind other : CertificateKind.values()) {
            if (other != CertificateKind.RETIREMENT) {
                assertThat(CertificateNumbers.normalize(other.letter + number.substring(1))).isEmpty();
            }
        }
        assertThat(CertificateNumbers.normalize(number.replace("-2026-", "-2027-"))).isEmpty();
        assertThat(CertificateNumbers.normalize(number.replace("-2026-", "-3026-"))).isEmpty();
    }

    @Test
    void aCharacterOutsideTheAlphabetIsRefusedEvenWhereTheCheckWouldFit() {
        // U is not in Crockford's alphabet; the check arithmetic still yields some character for it.
        String body = "R2026" + "U" + "ABCDEFG";
        String number = body + CertificateNumbers.check(body);
        assertThat(CertificateNumbers.normalize(number)).isEmpty();
    }

    @Test
    void typingIsLookedAtUpToFortyCharacters() {
        String number = CertificateNumbers.generate(CertificateKind.RETIREMENT, 2026);
        String spaced = number + " ".repeat(40 - number.length());
        assertThat(CertificateNumbers.normalize(spaced)).contains(number);
        assertThat(CertificateNumbers.normalize(spaced + " ")).isEmpty();
    }

    @Test
    void garbageIsNotANumber() {
        for (String bad : new String[]{null, "", "R-2026", "X-2026-AAAA-AAAA-A", "R-20A6-AAAA-AAAA-A", "R-2026-UUUU-AAAA-A",
                "R".repeat(100), "R-2026-AAAA-AAAA-AA"}) {
            assertThat(CertificateNumbers.normalize(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void onlyAsciiIsForgiven() {
        String number = CertificateNumbers.generate(CertificateKind.RETIREMENT, 2026);
        // Arabic-Indic digits are digits to Character.isDigit, a dotless i upper-cases to I: neither is a number's.
        assertThat(CertificateNumbers.normalize(number.replace("2026", "\u0662\u0660\u0662\u0666"))).isEmpty();
        String withOne = CertificateNumbers.generate(CertificateKind.RETIREMENT, 2021);
        assertThat(CertificateNumbers.normalize(withOne.replace("2021", "202\u0131"))).isEmpty();
        assertThat(CertificateNumbers.normalize(withOne.replace("2021", "202i"))).contains(withOne);
    }

    @Test
    void aPayloadsCompactNumberIsTakenOnlyExactlyAsIssued() {
        String number = CertificateNumbers.generate(CertificateKind.RETIREMENT, 2026);
        String compact = CertificateNumbers.compact(number);
        assertThat(CertificateNumbers.fromCompact(compact)).contains(number);
        assertThat(CertificateNumbers.fromCompact(compact.toLowerCase())).isEmpty();
        assertThat(CertificateNumbers.fromCompact(compact.substring(0, 1) + "2O26" + compact.substring(5))).isEmpty();
        assertThat(CertificateNumbers.fromCompact(number)).isEmpty();
        assertThat(CertificateNumbers.fromCompact(compact.substring(0, 13) + "U")).isEmpty();
    }

    @Test
    void theYearIsFourDigitsEvenWhereTheCheckCharacterFits() {
        String body = "R20A6" + "7K3MQ9XP";
        String number = CertificateNumbers.format(body + CertificateNumbers.check(body));
        assertThat(CertificateNumbers.normalize(number)).isEmpty();
        assertThat(CertificateNumbers.fromCompact(CertificateNumbers.compact(number))).isEmpty();
    }

    @Test
    void everyLetterFromAToZIsTakenInLowerCase() {
        String body = "R2026" + "AZAZ7K3M";
        String number = CertificateNumbers.format(body + CertificateNumbers.check(body));
        assertThat(CertificateNumbers.normalize(number.toLowerCase(java.util.Locale.ROOT))).contains(number);
    }
}
