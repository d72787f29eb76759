package io.attemptlake.etl.lake;

import java.util.Collection;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Which version of every tenant table readers see: the lake as the last published commit (or
 * maintenance) left it, so a commit appears in all its tables at once although Delta commits each
 * table on its own. The service is the lake's one writer, so the map is kept in memory, advanced
 * by each publication, and read from the logs only at start or after recovery. A table holding
 * the append of a commit that is not yet published is seen at the version before it.
 */
final class LakeVersions {

    /** A decided commit not yet published: its sequence and the tables it appends to. */
    record Unpublished(long sequence, Collection<TenantTable> tables) {
    }

    private final DeltaTables delta;
    private final LakeFiles files;
    private final Supplier<Collection<Unpublished>> unpublished;
    private TableVersions visible; // null: read from the logs when next asked

    LakeVersions(DeltaTables delta, LakeFiles files, Supplier<Collection<Unpublished>> unpublished) {
        this.delta = delta;
        this.files = files;
        this.unpublished = unpublished;
    }

    synchronized TableVersions visible() {
        if (visible == null) {
            visible = new TableVersions(load());
        }
        return visible;
    }

    /** Tables now at these versions, published. */
    synchronized void advanced(TableVersions versions) {
        if (visible != null) {
            visible = visible.with(versions);
        }
    }

    /** The logs may hold more than is known (a recovery, maintenance): read them again when next asked. */
    synchronized void forget() {
        visible = null;
    }

    private SortedMap<TenantTable, Long> load() {
        SortedMap<TenantTable, Long> versions = new TreeMap<>();
        for (Table table : Table.values()) {
            for (TenantTable t : delta.tenants(table, files)) {
                versions.put(t, delta.latestVersion(t));
            }
        }
        for (Unpublished commit : unpublished.get()) {
            for (TenantTable t : commit.tables()) {
                // Its append is the table's last version if the commit got that far: hide it.
                if (versions.containsKey(t) && delta.lastTransaction(t) == commit.sequence()) {
                    versions.put(t, versions.get(t) - 1);
                }
            }
        }
        return versions;
    }
}
