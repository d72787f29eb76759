package io.attemptlake.etl;

/**
 * Called at every {@link RunPhase} a run reaches. In production it does nothing; fault tests make
 * it stop the run dead at a chosen phase, as a crash would (no clean-up code runs after it).
 */
@FunctionalInterface
public interface FaultInjector {

    FaultInjector NONE = (phase, runId) -> { };

    void reached(RunPhase phase, String runId);
}
