package io.attemptlake.etl;

import io.attemptlake.etl.run.RunListener;
import io.attemptlake.etl.run.RunPhase;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A run listener that holds a run at a chosen phase until released: a test looks at a run while it runs. */
public final class PauseAt implements RunListener {

    private final RunPhase phase;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    public PauseAt(RunPhase phase) {
        this.phase = phase;
    }

    @Override
    public void reached(RunPhase p, Position at) {
        if (p == phase && reached.getCount() > 0) {
            reached.countDown();
            try {
                released.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void awaitReached() throws InterruptedException {
        if (!reached.await(3, TimeUnit.MINUTES)) {
            throw new IllegalStateException("never reached " + phase);
        }
    }

    public void release() {
        released.countDown();
    }
}
