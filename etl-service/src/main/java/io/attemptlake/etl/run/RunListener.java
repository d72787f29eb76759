package io.attemptlake.etl.run;

/**
 * Hears every phase of every commit of a run, in order: {@link RunProgress} records progress and
 * timings; any other bean implementing it is called after that, on the run's thread. A listener
 * that throws stops the run where it is, as a crash would (fault tests do exactly that).
 */
@FunctionalInterface
public interface RunListener {

    /** Where a run is: which run, which of its commits (1-based), of how many. */
    record Position(String runId, String commitId, int commit, int commits) {
    }

    void reached(RunPhase phase, Position at);
}
