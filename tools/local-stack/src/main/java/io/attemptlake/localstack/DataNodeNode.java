package io.attemptlake.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.server.datanode.DataNode;

/**
 * One HDFS DataNode as a process of its own, registered with the NameNode of an {@code hdfs} node
 * started with {@code --datanodes 0}. Its blocks live under {@code --dir} and survive restarts.
 */
final class DataNodeNode {

    private DataNodeNode() {
    }

    static void run(Args args) throws Exception {
        Path dir = args.dir();
        String nameNode = args.get("namenode", "hdfs://localhost:8020");
        Files.createDirectories(dir);
        ReadyFile ready = new ReadyFile(dir);

        Configuration conf = new HdfsConfiguration();
        conf.set("fs.defaultFS", nameNode);
        conf.set("dfs.datanode.data.dir", dir.resolve("data").toUri().toString());
        // Any free ports: the NameNode tells clients where each DataNode is.
        conf.set("dfs.datanode.address", "127.0.0.1:0");
        conf.set("dfs.datanode.http.address", "127.0.0.1:0");
        conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
        conf.set("dfs.datanode.hostname", "127.0.0.1");
        // The NameNode notices a lost DataNode in seconds (see HdfsNode).
        conf.setInt("dfs.heartbeat.interval", 1);

        DataNode dataNode = DataNode.createDataNode(new String[0], conf);
        while (!dataNode.isDatanodeFullyStarted()) {
            Thread.sleep(200);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ready.delete();
            dataNode.shutdown();
            stopped.countDown();
        }, "datanode-shutdown"));
        System.out.println("DataNode " + dataNode.getDatanodeUuid() + " of " + nameNode + " at " + dataNode.getXferAddress());
        ready.markReady();
        stopped.await();
    }
}
