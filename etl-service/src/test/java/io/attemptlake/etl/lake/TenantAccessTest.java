package io.attemptlake.etl.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attemptlake.datagen.AttemptGenerator;
import io.attemptlake.etl.EtlApp;
import io.attemptlake.etl.Pipeline;
import io.attemptlake.testsupport.HdfsCluster;
import io.attemptlake.testsupport.RealInfrastructure;
import io.attemptlake.testsupport.RealKafka;
import java.security.PrivilegedExceptionAction;
import java.util.Arrays;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.AccessControlException;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.Test;

/**
 * On an HDFS that enforces permissions: a tenant's data-science account reads its own tables, Delta
 * log included, and can neither list nor open another tenant's (not a file name, not a log entry with
 * its statistics), nor list which tenants exist, nor see run history, staged output, erasure
 * fingerprints or the audit. Holds for tables created by later runs too.
 */
@RealKafka
class TenantAccessTest {

    @Test
    void aTenantsAnalystReadsItsOwnPartitionsAndCannotOpenAnotherTenants() throws Exception {
        try (HdfsCluster hdfs = HdfsCluster.start(RealInfrastructure.newDir("hdfs-permissions"), new HdfsCluster.Options(1, true));
             Pipeline p = new Pipeline(hdfs)) {
            p.topic.publish("pearson", AttemptGenerator.records(61, 40).toList());
            p.topic.publish("acme", AttemptGenerator.records(62, 40).toList());
            p.topic.publishRaw("not a record".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of("tenant", "pearson"));
            try (EtlApp etl = p.start()) {
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
                p.topic.publish("acme", AttemptGenerator.records(63, 10).toList());
                p.topic.publish("globex", AttemptGenerator.records(64, 10).toList()); // a tenant's first partition
                assertThat(etl.runToCompletion().get("status").asString()).isEqualTo("SUCCEEDED");
            }
            Path base = new Path(p.lakeBase);
            Path attempts = new Path(base, Table.ATTEMPTS.path());
            FileSystem pearson = fileSystemOf(hdfs, "pearson-analyst", "tenant-pearson");
            FileSystem acme = fileSystemOf(hdfs, "acme-analyst", "tenant-acme");
            FileSystem nobody = fileSystemOf(hdfs, "someone", "staff");

            for (Table table : Table.values()) {
                Path own = new Path(new Path(base, table.path()), "tenant=pearson");
                assertThat(readEveryFile(pearson, own)).as("pearson reads its own %s", table).isPositive();
                assertThatThrownBy(() -> readEveryFile(acme, own)).as("acme lists pearson's %s", table)
                        .isInstanceOf(AccessControlException.class);
                assertThatThrownBy(() -> readEveryFile(nobody, own)).isInstanceOf(AccessControlException.class);
            }
            Path acmeAttempts = new Path(attempts, "tenant=acme");
            assertThat(readEveryFile(acme, acmeAttempts)).as("acme's files from both runs").isPositive();
            FileStatus acmeFile = Arrays.stream(p.hdfs.fileSystem().listStatus(new Path(acmeAttempts,
                    p.hdfs.fileSystem().listStatus(acmeAttempts)[0].getPath().getName())))
                    .filter(FileStatus::isFile).findFirst().orElseThrow();
            assertThatThrownBy(() -> pearson.open(acmeFile.getPath()).close()).as("open a file by its exact path")
                    .isInstanceOf(AccessControlException.class);
            assertThatThrownBy(() -> pearson.listStatus(new Path(attempts, "tenant=globex")))
                    .isInstanceOf(AccessControlException.class);
            assertThatThrownBy(() -> pearson.listStatus(attempts)).as("which tenants exist")
                    .isInstanceOf(AccessControlException.class);
            assertThatThrownBy(() -> pearson.listStatus(base)).isInstanceOf(AccessControlException.class);

            // Each tenant table's Delta log lies inside its directory: readable by its tenant alone.
            Path pearsonLog = new Path(new Path(attempts, "tenant=pearson"), "_delta_log/00000000000000000001.json");
            try (FSDataInputStream in = pearson.open(pearsonLog)) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                        .as("pearson's log names its files and their statistics").contains("\"add\"").contains("numRecords");
            }
            assertThatThrownBy(() -> acme.open(pearsonLog).close()).as("acme opens pearson's log")
                    .isInstanceOf(AccessControlException.class);
            assertThat(filesAsDeltaReads(hdfs, "pearson-analyst", "tenant-pearson", new Path(attempts, "tenant=pearson")))
                    .as("pearson reads its table through Delta's own reader").isPositive();
            assertThatThrownBy(() -> filesAsDeltaReads(hdfs, "acme-analyst", "tenant-acme", new Path(attempts, "tenant=pearson")))
                    .as("acme reads pearson's table through Delta's own reader").hasStackTraceContaining("Permission denied");
            for (String own : java.util.List.of("_erased", "_maintenance", "_commits")) {
                assertThatThrownBy(() -> pearson.listStatus(new Path(base, own))).isInstanceOf(AccessControlException.class);
            }
            assertThatThrownBy(() -> pearson.listStatus(new Path(base, "_runs"))).isInstanceOf(AccessControlException.class);
            assertThatThrownBy(() -> pearson.listStatus(new Path(base, "_staging"))).isInstanceOf(AccessControlException.class);
        }
    }

    private static FileSystem fileSystemOf(HdfsCluster hdfs, String user, String group) throws Exception {
        UserGroupInformation ugi = UserGroupInformation.createUserForTesting(user, new String[] {group});
        return ugi.doAs((PrivilegedExceptionAction<FileSystem>) () -> FileSystem.newInstance(hdfs.uri(), hdfs.configuration()));
    }

    /** The data files a Delta reader (Delta Kernel's own) finds in the table, read as {@code user}. */
    private static int filesAsDeltaReads(HdfsCluster hdfs, String user, String group, Path table) throws Exception {
        UserGroupInformation ugi = UserGroupInformation.createUserForTesting(user, new String[] {group});
        return ugi.doAs((PrivilegedExceptionAction<Integer>) () -> {
            io.delta.kernel.engine.Engine engine = io.delta.kernel.defaults.engine.DefaultEngine.create(hdfs.configuration());
            io.delta.kernel.Snapshot snapshot = io.delta.kernel.TableManager.loadSnapshot(table.toString()).build(engine);
            int files = 0;
            try (var batches = snapshot.getScanBuilder().build().getScanFiles(engine)) {
                while (batches.hasNext()) {
                    try (var rows = batches.next().getRows()) {
                        while (rows.hasNext()) {
                            rows.next();
                            files++;
                        }
                    }
                }
            }
            return files;
        });
    }

    /** Lists a directory tree and reads every file in it; the number of bytes read. */
    private static long readEveryFile(FileSystem fs, Path dir) throws Exception {
        long bytes = 0;
        for (FileStatus status : fs.listStatus(dir)) {
            if (status.isDirectory()) {
                bytes += readEveryFile(fs, status.getPath());
            } else {
                try (FSDataInputStream in = fs.open(status.getPath())) {
                    bytes += in.readAllBytes().length;
                }
            }
        }
        return bytes;
    }
}
