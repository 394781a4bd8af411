package cn.yaan.carbonsink.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A range of unit serials in the one shape JSON answers give it, {@code {"first": ..., "last": ...}} with both ends
 * full unit serials (docs/SERIALS.md), made from the block text ({@code {project}-{vintage}-{first}-{last}}) that
 * certificates, pages and CSV exports write.
 */
public final class SerialBlocks {

    private SerialBlocks() {
    }

    /** {@code YA-FM-01-2024-0000000001-0000000250} as {@code first YA-FM-01-2024-0000000001}, {@code last ...0250}. */
    public static Map<String, String> range(String block) {
        int cut = block.lastIndexOf('-');
        String first = block.substring(0, cut);
        String last = first.substring(0, first.lastIndexOf('-') + 1) + block.substring(cut + 1);
        Map<String, String> range = new LinkedHashMap<>();
        range.put("first", first);
        range.put("last", last);
        return range;
    }

    public static List<Map<String, String>> ranges(List<String> blocks) {
        return blocks == null ? List.of() : blocks.stream().map(SerialBlocks::range).toList();
    }

    /** The block text of a range: the first serial and the last one's running number. */
    public static String block(String first, String last) {
        return first + last.substring(last.lastIndexOf('-'));
    }
}
