package io.attemptlake.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS: NameNode (RPC + HTTP with WebHDFS) and DataNodes from Hadoop's MiniDFSCluster, in
 * one process. Storage under {@code --dir} survives restarts (formatted only the first time).
 *
 * <p>With {@code --datanodes 0 --expect-datanodes N} the DataNodes are processes of their own
 * ({@link DataNodeNode}), so that killing one is a real fault; {@code ready} then waits until N of
 * them are live and the NameNode has left safe mode.
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
        boolean fresh = !Files.exists(dir.resolve("data/name-0-1/current/VERSION"));

        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("data").toString());
        conf.setInt("dfs.replication", Math.min(3, Math.max(dataNodes, externalDataNodes)));
        // DataNodes of other processes register from 127.0.0.1, which need not resolve back to a name.
        conf.setBoolean("dfs.namenode.datanode.registration.ip-hostname-check", false);
        conf.setBoolean("dfs.webhdfs.enabled", true);
        conf.set("dfs.namenode.http-address", "localhost:" + httpPort);
        conf.set("hadoop.proxyuser." + System.getProperty("user.name") + ".hosts", "*");
        conf.set("hadoop.proxyuser." + System.getProperty("user.name") + ".groups", "*");
        // A lost DataNode is noticed in seconds, not the default 10 minutes.
        conf.setInt("dfs.heartbeat.interval", 1);
        conf.setInt("dfs.namenode.heartbeat.recheck-interval", 5000);

        MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf, dir.resolve("data").toFile())
                .nameNodePort(rpcPort)
                .nameNodeHttpPort(httpPort)
                .numDataNodes(dataNodes)
                .format(fresh)
                .manageNameDfsDirs(true)
                .manageDataDfsDirs(true)
                .waitSafeMode(externalDataNodes == 0)
                .build();
        cluster.waitActive();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ready.delete();
            cluster.shutdown();
            stopped.countDown();
        }, "hdfs-shutdown"));
        awaitDataNodes(cluster, externalDataNodes);
        System.out.println("HDFS at " + cluster.getURI() + ", WebHDFS at http://localhost:" + httpPort + "/webhdfs/v1/");
        ready.markReady();
        stopped.await();
    }

    // After a restart the NameNode stays in safe mode until the DataNodes report their blocks.
    private static void awaitDataNodes(MiniDFSCluster cluster, int expected) throws InterruptedException {
        if (expected == 0) {
            return;
        }
        var names = cluster.getNameNode().getNamesystem();
        while (names.getNumLiveDataNodes() < expected || names.isInSafeMode()) {
            Thread.sleep(250);
        }
    }
}
