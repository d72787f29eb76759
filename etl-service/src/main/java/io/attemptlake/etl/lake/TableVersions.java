package io.attemptlake.etl.lake;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Versions of tenant tables: what the lake shows a reader, what a commit appended, or what a run
 * left. Recorded by path ({@code raw/assessments/tenant=pearson}), the way a reader names a table.
 */
public record TableVersions(SortedMap<TenantTable, Long> versions) {

    public static final TableVersions NONE = new TableVersions(new TreeMap<>());

    public TableVersions {
        versions = Collections.unmodifiableSortedMap(new TreeMap<>(versions));
    }

    public static TableVersions byPath(Map<String, Long> versions) {
        SortedMap<TenantTable, Long> tables = new TreeMap<>();
        versions.forEach((path, v) -> tables.put(TenantTable.parse(path), v));
        return new TableVersions(tables);
    }

    public SortedMap<String, Long> byPath() {
        SortedMap<String, Long> paths = new TreeMap<>();
        versions.forEach((t, v) -> paths.put(t.path(), v));
        return paths;
    }

    /** These, overlaid with {@code newer}. */
    public TableVersions with(TableVersions newer) {
        SortedMap<TenantTable, Long> all = new TreeMap<>(versions);
        all.putAll(newer.versions);
        return new TableVersions(all);
    }

    /** The tenant tables of {@code table}. */
    public TableVersions of(Table table) {
        return new TableVersions(of(table, null));
    }

    /** The tenant tables of {@code table} of one tenant, or of all when {@code tenant} is null. */
    public SortedMap<TenantTable, Long> of(Table table, String tenant) {
        SortedMap<TenantTable, Long> of = new TreeMap<>();
        versions.forEach((t, v) -> {
            if (t.table() == table && (tenant == null || t.tenant().equals(tenant))) {
                of.put(t, v);
            }
        });
        return of;
    }
}
