package io.attemptlake.testsupport;

/** Holder of the JVM's shared HDFS; a class of its own so Hadoop loads only where it is used. */
public final class SharedHdfs {

    private static HdfsCluster cluster;

    private SharedHdfs() {
    }

    public static synchronized HdfsCluster cluster() {
        if (cluster == null) {
            cluster = HdfsCluster.start(RealInfrastructure.newDir("hdfs"), HdfsCluster.Options.DEFAULT);
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "hdfs-stop"));
        }
        return cluster;
    }
}
