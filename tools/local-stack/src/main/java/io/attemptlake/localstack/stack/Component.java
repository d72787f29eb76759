package io.attemptlake.localstack.stack;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One process of the stack: how it starts, which ports it needs free, and when it serves.
 *
 * @param prepare   what its start needs first (a configuration file, an extracted jar)
 * @param notReady  what status calls it while it runs but does not yet serve
 * @param endpoint  where clients reach it, for status
 */
record Component(String name, String startMessage, List<String> command, Map<String, String> env,
                 List<Integer> ports, Runnable prepare, BooleanSupplier ready, String notReady, String endpoint) {

    Component {
        command = List.copyOf(command);
        env = Map.copyOf(env);
        ports = List.copyOf(ports);
    }
}
