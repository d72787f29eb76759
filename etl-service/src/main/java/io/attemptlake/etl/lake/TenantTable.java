package io.attemptlake.etl.lake;

import java.util.Comparator;

/**
 * One tenant's share of a table: a Delta table of its own at {@code <table>/tenant=<id>}, so its log
 * and statistics sit in the directory only that tenant's group may read.
 *
 * @param tenant the tenant id, or {@link #NO_TENANT} for messages without a usable tenant header
 */
public record TenantTable(Table table, String tenant) implements Comparable<TenantTable> {

    /** The directory name Spark and Hive give a null partition value. */
    public static final String NO_TENANT = "__HIVE_DEFAULT_PARTITION__";

    static final String PREFIX = "tenant=";

    private static final Comparator<TenantTable> ORDER =
            Comparator.comparing(TenantTable::table).thenComparing(TenantTable::tenant);

    /** Relative to the lake's base, e.g. {@code raw/assessments/tenant=pearson}: its name in records. */
    public String path() {
        return table.path() + "/" + PREFIX + tenant;
    }

    /** From {@link #path()}. */
    public static TenantTable parse(String path) {
        int cut = path.lastIndexOf("/" + PREFIX);
        String tablePath = path.substring(0, cut);
        for (Table t : Table.values()) {
            if (t.path().equals(tablePath)) {
                return new TenantTable(t, path.substring(cut + 1 + PREFIX.length()));
            }
        }
        throw new IllegalArgumentException("not a tenant table: " + path);
    }

    @Override
    public int compareTo(TenantTable o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return path();
    }
}
