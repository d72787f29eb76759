package io.attemptlake.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Repeated measurements of one figure: median and spread, as the report gives them. */
record Stat(List<Double> values) {

    static Stat of(List<Double> values) {
        return new Stat(List.copyOf(values));
    }

    double median() {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double min() {
        return Collections.min(values);
    }

    double max() {
        return Collections.max(values);
    }

    /** "12.3 s (11.9–13.0, n=3)" */
    String seconds() {
        return values.size() == 1 ? String.format("%.1f s", median())
                : String.format("%.1f s (%.1f–%.1f, n=%d)", median(), min(), max(), values.size());
    }
}
