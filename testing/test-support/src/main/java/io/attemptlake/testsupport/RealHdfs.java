package io.attemptlake.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class runs against a real HDFS (MiniDFSCluster: NameNode and DataNode), shared by
 * every test class of the JVM. Inject {@link HdfsCluster} as a parameter or call
 * {@link SharedHdfs#cluster()}.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealInfrastructure.class)
public @interface RealHdfs {
}
