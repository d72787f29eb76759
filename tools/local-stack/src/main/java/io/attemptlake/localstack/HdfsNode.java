package io.attemptlake.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.server.namenode.FSNamesystem;
import org.apache.hadoop.hdfs.server.namenode.NameNode;
import org.apache.hadoop.metrics2.lib.DefaultMetricsSystem;

/**
 * A real HDFS: NameNode (RPC + HTTP with WebHDFS) and DataNodes from Hadoop's MiniDFSCluster, in
 * one process. Storage under {@code --dir} survives restarts (formatted only the first time).
 *
 * <p>With {@code --datanodes 0 --expect-datanodes N} this process is a NameNode only and the
 * DataNodes are processes of their own ({@link DataNodeNode}), so that killing one is a real fault;
 * {@code ready} then waits until N of them are live and the NameNode has left safe mode.
 */
final class HdfsNode {

    private HdfsNode() {
    }

    static void run(Args args) throws IOException, InterruptedException {
        Path dir = args.dir();
        int rpcPort = args.getInt("rpc-port", 8020);
        int httpPort = args.getInt("http-port", 9870);
        int dataNodes = args.getInt("datanodes", 1);
        int externalDataNodes = args.getInt("expect-datanodes", 0);
        Files.createDirectories(dir);
        ReadyFile ready = new ReadyFile(dir);

        Configuration conf = new HdfsConfiguration();
        conf.setInt("dfs.replication", Math.min(3, Math.max(dataNodes, externalDataNodes)));
        conf.setBoolean("dfs.webhdfs.enabled", true);
        conf.set("dfs.namenode.http-address", "localhost:" + httpPort);
        conf.set("hadoop.proxyuser." + System.getProperty("user.name") + ".hosts", "*");
        conf.set("hadoop.proxyuser." + System.getProperty("user.name") + ".groups", "*");
        // A lost DataNode is noticed in seconds, not the default 10 minutes.
        conf.setInt("dfs.heartbeat.interval", 1);
        conf.setInt("dfs.namenode.heartbeat.recheck-interval", 5000);

        Runnable stop = externalDataNodes > 0
                ? nameNodeOnly(conf, dir, rpcPort, externalDataNodes)
                : miniCluster(conf, dir, rpcPort, httpPort, dataNodes);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ready.delete();
            stop.run();
            stopped.countDown();
        }, "hdfs-shutdown"));
        System.out.println("HDFS at hdfs://localhost:" + rpcPort + ", WebHDFS at http://localhost:" + httpPort + "/webhdfs/v1/");
        ready.markReady();
        stopped.await();
    }

    private static Runnable miniCluster(Configuration conf, Path dir, int rpcPort, int httpPort, int dataNodes)
            throws IOException {
        boolean fresh = !Files.exists(dir.resolve("data/name-0-1/current/VERSION"));
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("data").toString());
        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, dir.resolve("data").toFile())
                .nameNodePort(rpcPort)
                .nameNodeHttpPort(httpPort)
                .numDataNodes(dataNodes)
                .format(fresh)
                .manageNameDfsDirs(true)
                .manageDataDfsDirs(true)
                .waitSafeMode(true)
                .build();
        cluster.waitActive();
        return cluster::shutdown;
    }

    // A plain NameNode (MiniDFSCluster insists on counting only the DataNodes it started itself).
    private static Runnable nameNodeOnly(Configuration conf, Path dir, int rpcPort, int expectedDataNodes)
            throws IOException, InterruptedException {
        Path names = dir.resolve("name");
        conf.set("fs.defaultFS", "hdfs://localhost:" + rpcPort);
        conf.set("dfs.namenode.rpc-address", "localhost:" + rpcPort);
        conf.set("dfs.namenode.name.dir", names.toUri().toString());
        // DataNodes of other processes register from 127.0.0.1, which need not resolve back to a name.
        conf.setBoolean("dfs.namenode.datanode.registration.ip-hostname-check", false);
        // After a restart, serve as soon as the blocks are reported (not 30 s later).
        conf.setInt("dfs.namenode.safemode.extension", 0);
        // Formatting and the NameNode itself register the same metrics sources in this one JVM.
        DefaultMetricsSystem.setMiniClusterMode(true);
        if (!Files.exists(names.resolve("current/VERSION"))) {
            NameNode.format(conf);
        }
        NameNode nameNode = NameNode.createNameNode(new String[0], conf);
        FSNamesystem namesystem = nameNode.getNamesystem();
        while (namesystem.getNumLiveDataNodes() < expectedDataNodes || namesystem.isInSafeMode()) {
            Thread.sleep(250);
        }
        return () -> {
            nameNode.stop();
            nameNode.join();
        };
    }
}
