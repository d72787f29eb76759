package io.attemptlake.etl.lake;

import io.attemptlake.model.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.AclEntry;
import org.apache.hadoop.fs.permission.AclEntryScope;
import org.apache.hadoop.fs.permission.AclEntryType;
import org.apache.hadoop.fs.permission.FsAction;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * The access seam: who may read what in HDFS. The service owns the lake. Everyone may traverse the
 * base and table directories (0711) but not list them, so tenants' names stay hidden; run history,
 * staging, erasure fingerprints and the audit are the service's alone (0700). Each {@code tenant=T}
 * directory (T's Delta table) is 0750 with an ACL (and a default ACL, inherited by its log and every
 * date directory under it) granting {@code r-x} to T's group: a tenant's data scientists read their
 * tables, log included, and cannot open another tenant's, nor its log's statistics.
 * Tenant directories are locked before the first file is moved into them.
 */
public final class LakeAccess {

    private static final FsPermission TRAVERSE_ONLY = new FsPermission((short) 0711);
    private static final FsPermission SERVICE_ONLY = new FsPermission((short) 0700);
    private static final FsPermission TENANT = new FsPermission((short) 0750);
    private static final String PREFIX = "tenant=";

    private final FileSystem fs;
    private final LakeLayout layout;
    private final LakeProperties.Access settings;
    private final Set<Path> locked = ConcurrentHashMap.newKeySet();
    private volatile boolean prepared;

    public LakeAccess(FileSystem fs, LakeLayout layout, LakeProperties.Access settings) {
        this.fs = fs;
        this.layout = layout;
        this.settings = settings;
    }

    /** Modes of the lake's own directories; idempotent, done once per process. */
    public void prepare() {
        if (!settings.enabled() || prepared) {
            return;
        }
        try {
            ensure(layout.base(), TRAVERSE_ONLY);
            for (Table table : Table.values()) {
                for (Path dir = layout.table(table); !dir.equals(layout.base()); dir = dir.getParent()) {
                    ensure(dir, TRAVERSE_ONLY);
                }
            }
            ensure(layout.runs(), SERVICE_ONLY);
            ensure(layout.commits(), SERVICE_ONLY); // manifests name every tenant's files
            ensure(layout.staging(), SERVICE_ONLY);
            ensure(layout.exports(), SERVICE_ONLY);
            ensure(layout.erased(), SERVICE_ONLY);
            ensure(layout.maintenance(), SERVICE_ONLY);
            prepared = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called before a file moves to {@code committed}: its tenant directory exists and is locked. */
    public void beforeMove(Path committed) {
        if (!settings.enabled()) {
            return;
        }
        prepare();
        for (Path dir = committed.getParent(); dir != null && !dir.equals(layout.base()); dir = dir.getParent()) {
            if (dir.getName().startsWith(PREFIX)) {
                lockTenant(dir, dir.getName().substring(PREFIX.length()));
                return;
            }
        }
    }

    private void lockTenant(Path dir, String tenant) {
        if (locked.contains(dir)) {
            return;
        }
        try {
            ensure(dir, TENANT);
            if (TenantId.isValid(tenant)) { // a name another producer made up gets no group at all
                String group = settings.tenantGroup().replace("{tenant}", tenant);
                fs.modifyAclEntries(dir, List.of(
                        entry(AclEntryScope.ACCESS, AclEntryType.GROUP, group, FsAction.READ_EXECUTE),
                        entry(AclEntryScope.DEFAULT, AclEntryType.USER, null, FsAction.ALL),
                        entry(AclEntryScope.DEFAULT, AclEntryType.GROUP, null, FsAction.READ_EXECUTE),
                        entry(AclEntryScope.DEFAULT, AclEntryType.GROUP, group, FsAction.READ_EXECUTE),
                        entry(AclEntryScope.DEFAULT, AclEntryType.MASK, null, FsAction.READ_EXECUTE),
                        entry(AclEntryScope.DEFAULT, AclEntryType.OTHER, null, FsAction.NONE)));
            }
            locked.add(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void ensure(Path dir, FsPermission permission) throws IOException {
        fs.mkdirs(dir);
        if (!fs.getFileStatus(dir).getPermission().equals(permission)) {
            fs.setPermission(dir, permission);
        }
    }

    private static AclEntry entry(AclEntryScope scope, AclEntryType type, String name, FsAction action) {
        AclEntry.Builder b = new AclEntry.Builder().setScope(scope).setType(type).setPermission(action);
        return name == null ? b.build() : b.setName(name).build();
    }
}
