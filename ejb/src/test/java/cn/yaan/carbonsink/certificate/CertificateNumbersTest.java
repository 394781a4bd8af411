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
        for (int n = 0; n < 200; n++) {
            String compact = CertificateNumbers.compact(CertificateNumbers.generate(CertificateKind.CARBON_NEUTRAL_VISIT, 2026));
            for (int i = 5; i < compact.length(); i++) {
                for (char c : CertificateNumbers.ALPHABET.toCharArray()) {
                    if (c != compact.charAt(i)) {
                        String wrong = compact.substring(0, i) + c + compact.substring(i + 1);
                        assertThat(CertificateNumbers.normalize(wrong)).as(wrong).isEmpty();
                    }
                }
            }
            for (int i = 5; i + 1 < compact.length(); i++) {
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
    void garbageIsNotANumber() {
        for (String bad : new String[]{null, "", "R-2026", "X-2026-AAAA-AAAA-A", "R-20A6-AAAA-AAAA-A", "R-2026-UUUU-AAAA-A",
                "R".repeat(100), "R-2026-AAAA-AAAA-AA"}) {
            assertThat(CertificateNumbers.normalize(bad)).as(String.valueOf(bad)).isEmpty();
        }
    }
}
