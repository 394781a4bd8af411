package cn.yaan.carbonsink.ledger;

import java.util.ArrayList;
import java.util.List;

/** Consecutive unit numbers {@code first..last} (inclusive) within one issuance. */
public record SerialRange(long first, long last) {

    public SerialRange {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("Not a serial range: " + first + ".." + last);
        }
    }

    public long size() {
        return last - first + 1;
    }

    /** The first {@code kg} units of this range. */
    public SerialRange head(long kg) {
        if (kg < 1 || kg > size()) {
            throw new IllegalArgumentException("Cannot take " + kg + " units from " + this);
        }
        return new SerialRange(first, first + kg - 1);
    }

    /** What is left after taking the first {@code kg} units, or null when nothing is. */
    public SerialRange rest(long kg) {
        return kg >= size() ? null : new SerialRange(first + kg, last);
    }

    /**
     * Takes {@code kg} units from free ranges in ascending order, lowest numbers first: the ranges taken, and the
     * ranges that stay free (a range is split when only part of it is taken).
     */
    public static Allocation allocate(List<SerialRange> free, long kg) {
        List<SerialRange> sorted = new ArrayList<>(free);
        sorted.sort((a, b) -> Long.compare(a.first(), b.first()));
        List<SerialRange> taken = new ArrayList<>();
        List<SerialRange> left = new ArrayList<>();
        long needed = kg;
        for (SerialRange range : sorted) {
            if (needed == 0) {
                left.add(range);
                continue;
            }
            long take = Math.min(needed, range.size());
            taken.add(range.head(take));
            SerialRange rest = range.rest(take);
            if (rest != null) {
                left.add(rest);
            }
            needed -= take;
        }
        if (needed > 0) {
            throw new IllegalStateException("Free ranges hold fewer than " + kg + " units");
        }
        return new Allocation(taken, left);
    }

    public record Allocation(List<SerialRange> taken, List<SerialRange> left) {
    }
}
