package io.attemptlake.etl;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Stops a run dead at a chosen phase, as a crash would: an Error no clean-up code catches. */
public final class CrashAt implements FaultInjector {

    /** Not an Exception: the run's failure handling must not see it, as it would not see a kill -9. */
    public static final class SimulatedCrash extends Error {
        SimulatedCrash(RunPhase phase) {
            super("simulated crash at " + phase, null, false, false);
        }
    }

    private volatile RunPhase target;
    private volatile CountDownLatch fired = new CountDownLatch(1);

    public void arm(RunPhase phase) {
        fired = new CountDownLatch(1);
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
    public void reached(RunPhase phase, String runId) {
        if (phase == target) {
            target = null;
            fired.countDown();
            throw new SimulatedCrash(phase);
        }
    }
}
