package io.attemptlake.etl;

import io.attemptlake.etl.run.RunListener;
import io.attemptlake.testsupport.HdfsCluster;
import io.attemptlake.testsupport.KafkaBroker;
import io.attemptlake.testsupport.RealInfrastructure;
import io.attemptlake.testsupport.SharedHdfs;
import java.util.UUID;

/**
 * A fresh topic and a fresh lake on the shared real broker and HDFS, for one test: what the
 * ingest wrote ({@link #topic}), the service ({@link #start}), and what landed ({@link #lake}).
 */
public final class Pipeline implements AutoCloseable {

    public final String topicName = "assessments-" + UUID.randomUUID();
    public final String lakeBase;
    public final KafkaBroker kafka = RealInfrastructure.kafka();
    public final HdfsCluster hdfs;
    public final TopicWriter topic;
    public final LakeReader lake;

    public Pipeline() {
        this(SharedHdfs.cluster());
    }

    /** On an HDFS of the test's own (several DataNodes, permissions on, faults to inject). */
    public Pipeline(HdfsCluster hdfs) {
        this.hdfs = hdfs;
        this.lakeBase = hdfs.uri() + "/lake-" + UUID.randomUUID();
        this.topic = new TopicWriter(kafka, topicName);
        this.lake = new LakeReader(lakeBase);
    }

    public EtlApp start(String... properties) {
        return start(null, properties);
    }

    /** With a run listener of the test's (a crash or a pause at some phase). */
    public EtlApp start(RunListener listener, String... properties) {
        return EtlApp.start(kafka.bootstrapServers(), topicName, lakeBase, listener, properties);
    }

    @Override
    public void close() {
        topic.close();
    }
}
