package io.attemptlake.localstack.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a local-stack node ({@code kafka}, {@code hdfs}, {@code datanode}): the one
 * way both the supervisor and the tests' child nodes start one, so that they start the same.
 */
public final class NodeCommand {

    private NodeCommand() {
    }

    /** The JVM this one runs on (the JDK ./pipeline found): every process of the stack runs on it. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * @param jvmFlags what the caller adds (the supervisor its marker, a test its faster start)
     * @param args     the node's own options after {@code --dir}
     */
    public static List<String> of(Path localStackJar, String heap, List<String> jvmFlags, String role, Path dir,
                                  List<String> args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap, "-XX:+UseSerialGC"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", localStackJar.toString(), role, "--dir", dir.toString()));
        command.addAll(args);
        return command;
    }
}
