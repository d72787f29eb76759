package io.attemptlake.etl;

import io.attemptlake.etl.run.RunListener;
import io.attemptlake.etl.run.RunPhase;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A run listener that stops a run dead at a chosen phase (of a chosen commit), as a crash would:
 * an Error no clean-up code catches.
 */
public final class CrashAt implements RunListener {

    /** Not an Exception: the run's failure handling must not see it, as it would not see a kill -9. */
    public static final class SimulatedCrash extends Error {
        SimulatedCrash(RunPhase phase) {
            super("simulated crash at " + phase, null, false, false);
        }
    }

    private volatile RunPhase target;
    private volatile int commit;
    private volatile CountDownLatch fired = new CountDownLatch(1);

    public void arm(RunPhase phase) {
        arm(phase, 1);
    }

    /** At {@code phase} of the run's {@code commit}-th commit (1-based). */
    public void arm(RunPhase phase, int commit) {
        fired = new CountDownLatch(1);
        this.commit = commit;
        target = phase;
    }

    public void disarm() {
        target = null;
    }

    public void awaitCrash() throws InterruptedException {
        if (!fired.await(3, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the run never reached " + target);
        }
    }

    @Override
    public void reached(RunPhase phase, Position at) {
        if (phase == target && (at.commit() == commit || at.commits() == 0)) {
            target = null;
            fired.countDown();
            throw new SimulatedCrash(phase);
        }
    }
}
