package cn.yaan.carbonsink.web.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's CSV export: RFC 4180 quoting, and no cell a spreadsheet would run as a formula. */
class RegistryCsvTest {

    @Test
    void plainValuesStayAsTheyAre() {
        assertThat(RetirementResource.csvField("张*")).isEqualTo("张*");
        assertThat(RetirementResource.csvField("")).isEqualTo("");
        assertThat(RetirementResource.csvField("BX-FM-01-2024-0000000001..BX-FM-01-2024-0000000012"))
                .isEqualTo("BX-FM-01-2024-0000000001..BX-FM-01-2024-0000000012");
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertThat(RetirementResource.csvField("雅安, 雨城区")).isEqualTo("\"雅安, 雨城区\"");
        assertThat(RetirementResource.csvField("the \"green\" fund")).isEqualTo("\"the \"\"green\"\" fund\"");
        assertThat(RetirementResource.csvField("line one\nline two")).isEqualTo("\"line one\nline two\"");
        assertThat(RetirementResource.csvField("a\r\nb")).isEqualTo("\"a\r\nb\"");
        assertThat(RetirementResource.csvField("one\ntwo\nthree")).as("more than one line break")
                .isEqualTo("\"one\ntwo\nthree\"");
        assertThat(RetirementResource.csvField("a,b\nc,d\ne")).isEqualTo("\"a,b\nc,d\ne\"");
    }

    @Test
    void aLeadingFormulaCharacterIsDefused() {
        assertThat(RetirementResource.csvField("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(RetirementResource.csvField("+86 138")).isEqualTo("'+86 138");
        assertThat(RetirementResource.csvField("-2+3")).isEqualTo("'-2+3");
        assertThat(RetirementResource.csvField("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(RetirementResource.csvField("\t=1+2")).as("a tab before the formula").isEqualTo("'\t=1+2");
        assertThat(RetirementResource.csvField("\r=1+2")).as("a carriage return before the formula")
                .isEqualTo("\"'\r=1+2\"");
        assertThat(RetirementResource.csvField("a=b")).as("only a leading one matters").isEqualTo("a=b");
    }

    @Test
    void theExportHasAHeaderAndOneRecordPerRetirementEvenWithLineBreaksInside() {
        List<RetirementResource.RetirementView> items = List.of(
                new RetirementResource.RetirementView(7, 12, List.of(Map.of("first", "A-2024-0000000001", "last", "A-2024-0000000012")),
                        "=cmd|' /C calc'!A0", "VISIT", Instant.parse("2026-03-01T02:00:00Z"), "C-1"),
                new RetirementResource.RetirementView(8, 30, List.of(Map.of("first", "A-2024-0000000013", "last", "A-2024-0000000020"),
                        Map.of("first", "B-2024-0000000001", "last", "B-2024-0000000022")), "two\nlines\nhere", "DIRECT",
                        Instant.parse("2026-03-02T02:00:00Z"), null));
        assertThat(RetirementResource.CSV_HEADER + RetirementResource.csvRows(items))
                .isEqualTo("id,retiredAt,purpose,quantityKg,beneficiary,serialRanges,certificateNo\r\n"
                + "7,2026-03-01T02:00:00.000Z,VISIT,12,'=cmd|' /C calc'!A0,A-2024-0000000001-0000000012,C-1\r\n"
                + "8,2026-03-02T02:00:00.000Z,DIRECT,30,\"two\nlines\nhere\",A-2024-0000000013-0000000020 "
                + "B-2024-0000000001-0000000022,\r\n");
    }
}
