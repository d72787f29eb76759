package io.attemptlake.localstack;

import java.util.Arrays;

/**
 * One entry point for the real infrastructure of the local stack, each piece a process of its own
 * so that stopping or killing it is a real fault:
 * <pre>
 *   java -jar local-stack.jar kafka --dir D [--node-id 1 --port 9092 --controller-port 9093 --voters ...]
 *   java -jar local-stack.jar hdfs  --dir D [--rpc-port 8020 --http-port 9870 --datanodes 1 | --datanodes 0 --expect-datanodes 3]
 *   java -jar local-stack.jar datanode --dir D --namenode hdfs://localhost:8020
 * </pre>
 * Each writes {@code D/ready} once it serves requests and removes it when it stops. With
 * {@code --parent-pid P} the node exits when process P does.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        Args options = new Args(Arrays.copyOfRange(args, 1, args.length));
        exitWithParent(options.get("parent-pid", null));
        try {
            switch (args[0]) {
                case "kafka" -> KafkaNode.run(options);
                case "hdfs" -> HdfsNode.run(options);
                case "datanode" -> DataNodeNode.run(options);
                default -> usage();
            }
        } catch (Exception | Error e) {
            // Servers leave non-daemon threads behind: a node that failed to start must not linger.
            e.printStackTrace();
            System.exit(1);
        }
    }

    // Tests pass their pid: a test JVM that dies (even kill -9) must not leave a broker behind.
    private static void exitWithParent(String parentPid) {
        if (parentPid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(parentPid)).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
    }

    private static void usage() {
        System.err.println("usage: local-stack (kafka|hdfs|datanode) --dir DIR [options]");
        System.exit(2);
    }
}
