package io.attemptlake.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A real HDFS in the test JVM: NameNode, DataNodes, RPC and WebHDFS on free ports. */
public final class HdfsCluster implements AutoCloseable {

    /** How the cluster is built: DataNodes, and whether HDFS permissions are enforced. */
    public record Options(int dataNodes, boolean permissions) {
        public static final Options DEFAULT = new Options(1, false);
    }

    private final MiniDFSCluster cluster;

    private HdfsCluster(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    public static HdfsCluster start(Path dir, Options options) {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toString());
        conf.setInt("dfs.replication", Math.min(3, options.dataNodes()));
        conf.setBoolean("dfs.permissions.enabled", options.permissions());
        conf.setBoolean("dfs.namenode.acls.enabled", true);
        conf.setInt("dfs.heartbeat.interval", 1);
        conf.setInt("dfs.namenode.heartbeat.recheck-interval", 3000);
        try {
            MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, dir.toFile())
                    .numDataNodes(options.dataNodes())
                    .nameNodePort(Ports.free())
                    .nameNodeHttpPort(Ports.free())
                    .build();
            cluster.waitActive();
            return new HdfsCluster(cluster);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code hdfs://localhost:<port>} */
    public URI uri() {
        return cluster.getURI();
    }

    public String webHdfsUrl() {
        return "http://localhost:" + cluster.getNameNode().getHttpAddress().getPort() + "/webhdfs/v1";
    }

    public FileSystem fileSystem() {
        try {
            return cluster.getFileSystem();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Configuration configuration() {
        return cluster.getConfiguration(0);
    }

    /** The underlying MiniDFSCluster, for fault injection (stop a DataNode, ...). */
    public MiniDFSCluster mini() {
        return cluster;
    }

    @Override
    public void close() {
        cluster.shutdown();
    }
}
