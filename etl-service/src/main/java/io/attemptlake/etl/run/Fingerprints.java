package io.attemptlake.etl.run;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * A set of 128-bit fingerprints of attempt keys, sorted, 16 bytes each: what one tenant has landed,
 * small enough to keep on the driver. 128 bits make a false "already landed" (two keys with one
 * fingerprint) about as likely as n² / 2^129: below 10^-18 at ten billion attempts.
 */
final class Fingerprints {

    private final long[] pairs; // hi0, lo0, hi1, lo1, ... sorted by (hi, lo), no repeats

    private Fingerprints(long[] pairs) {
        this.pairs = pairs;
    }

    /** The fingerprint of an attempt key, as {hi, lo}. */
    static long[] of(String attemptKey) {
        return MurmurHash3.hash128x64(attemptKey.getBytes(StandardCharsets.UTF_8));
    }

    /** Collects fingerprints in any order, repeats allowed; serializable, so a Spark task can return one. */
    static final class Builder implements java.io.Serializable {
        private long[] pairs = new long[2 * 16];
        private int count;

        Builder add(String attemptKey) {
            long[] print = of(attemptKey);
            return add(print[0], print[1]);
        }

        private Builder add(long hi, long lo) {
            if (2 * count + 2 > pairs.length) {
                pairs = Arrays.copyOf(pairs, 2 * pairs.length);
            }
            pairs[2 * count] = hi;
            pairs[2 * count + 1] = lo;
            count++;
            return this;
        }

        Builder addAll(Builder other) {
            for (int i = 0; i < other.count; i++) {
                add(other.pairs[2 * i], other.pairs[2 * i + 1]);
            }
            return this;
        }

        int count() {
            return count;
        }

        Fingerprints build() {
            long[] sorted = Arrays.copyOf(pairs, 2 * count);
            sort(sorted, count);
            return new Fingerprints(dedupe(sorted, count));
        }
    }

    int size() {
        return pairs.length / 2;
    }

    boolean contains(long[] fingerprint) {
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(pairs, mid, fingerprint[0], fingerprint[1]);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** This set and {@code more}, merged (both sorted): linear, no re-sort. */
    Fingerprints with(Fingerprints more) {
        if (more.size() == 0) {
            return this;
        }
        long[] merged = new long[pairs.length + more.pairs.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < size() || j < more.size()) {
            long[] from;
            int at;
            if (j >= more.size() || (i < size() && compare(pairs, i, more.pairs[2 * j], more.pairs[2 * j + 1]) <= 0)) {
                from = pairs;
                at = i++;
            } else {
                from = more.pairs;
                at = j++;
            }
            if (n > 0 && merged[2 * n - 2] == from[2 * at] && merged[2 * n - 1] == from[2 * at + 1]) {
                continue;
            }
            merged[2 * n] = from[2 * at];
            merged[2 * n + 1] = from[2 * at + 1];
            n++;
        }
        return new Fingerprints(n == merged.length / 2 ? merged : Arrays.copyOf(merged, 2 * n));
    }

    private static int compare(long[] pairs, int i, long hi, long lo) {
        int c = Long.compare(pairs[2 * i], hi);
        return c != 0 ? c : Long.compare(pairs[2 * i + 1], lo);
    }

    private static long[] dedupe(long[] pairs, int count) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (n > 0 && pairs[2 * n - 2] == pairs[2 * i] && pairs[2 * n - 1] == pairs[2 * i + 1]) {
                continue;
            }
            pairs[2 * n] = pairs[2 * i];
            pairs[2 * n + 1] = pairs[2 * i + 1];
            n++;
        }
        return n == count ? pairs : Arrays.copyOf(pairs, 2 * n);
    }

    /**
     * Sorts the pairs by (hi, lo) in linear time: fingerprints are uniform, so a bucket per top bits
     * of {@code hi} holds about one, scattered into place and settled by insertion sort.
     */
    private static void sort(long[] pairs, int count) {
        if (count < 2) {
            return;
        }
        int bits = Math.min(24, 64 - Long.numberOfLeadingZeros(count - 1L)); // 2^bits >= count, up to 16M buckets
        int shift = 64 - bits;
        int[] start = new int[(1 << bits) + 1];
        for (int i = 0; i < count; i++) {
            start[bucket(pairs[2 * i], shift) + 1]++;
        }
        for (int b = 0; b < 1 << bits; b++) {
            start[b + 1] += start[b];
        }
        long[] sorted = new long[2 * count];
        int[] next = Arrays.copyOf(start, start.length);
        for (int i = 0; i < count; i++) {
            int at = next[bucket(pairs[2 * i], shift)]++;
            sorted[2 * at] = pairs[2 * i];
            sorted[2 * at + 1] = pairs[2 * i + 1];
        }
        for (int b = 0; b < 1 << bits; b++) {
            for (int i = start[b] + 1; i < start[b + 1]; i++) {
                long hi = sorted[2 * i];
                long lo = sorted[2 * i + 1];
                int j = i - 1;
                while (j >= start[b] && compare(sorted, j, hi, lo) > 0) {
                    sorted[2 * j + 2] = sorted[2 * j];
                    sorted[2 * j + 3] = sorted[2 * j + 1];
                    j--;
                }
                sorted[2 * j + 2] = hi;
                sorted[2 * j + 3] = lo;
            }
        }
        System.arraycopy(sorted, 0, pairs, 0, 2 * count);
    }

    // Buckets in the order of Long.compare: the sign bit flipped, then the top bits.
    private static int bucket(long hi, int shift) {
        return (int) ((hi ^ Long.MIN_VALUE) >>> shift); // count >= 2, so shift < 64
    }
}
