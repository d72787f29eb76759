package io.attemptlake.system.deploy;

import java.nio.file.Path;

/** The repository's root, where ./pipeline and the deployment files are. */
public final class Roots {

    private Roots() {
    }

    public static Path root() {
        return ServiceSettings.root();
    }

    /** The java launcher argument that gives a JVM Spark's flags, as ./pipeline gives them. */
    public static String sparkJvmFlags() {
        return "@" + root().resolve("etl-service/src/main/resources/spark-jvm.args");
    }
}
