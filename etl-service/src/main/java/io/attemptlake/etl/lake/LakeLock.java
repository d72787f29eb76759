package io.attemptlake.etl.lake;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The lake has one writer at a time: a run, an erasure, a purge or a compaction. Each holds this
 * for as long as it changes the lake, so none sees another's work half done, and the commit
 * protocol's recovery never runs beside a commit.
 *
 * <p>Readers of table files (queries, reports, exports) never wait for writers: the versions they
 * read stay on disk. Only a vacuum deletes files a reader may be reading; it waits until no read
 * is under way, and reads wait for it (seconds).
 */
public final class LakeLock {

    /** The lake stayed busy with other work for longer than the caller would wait. */
    public static final class Busy extends RuntimeException {
        public Busy(Duration waited) {
            super("the lake is busy with a run or other maintenance; waited " + waited.toSeconds() + " s");
        }
    }

    private final ReentrantLock lock = new ReentrantLock(true);
    private final ReentrantReadWriteLock files = new ReentrantReadWriteLock(true);

    /** Reads table files: no vacuum deletes any while {@code read} runs. */
    public <T> T reading(java.util.function.Supplier<T> read) {
        files.readLock().lock();
        try {
            return read.get();
        } finally {
            files.readLock().unlock();
        }
    }

    /** Deletes table files once no read is under way. */
    public void vacuuming(Runnable vacuum) {
        files.writeLock().lock();
        try {
            vacuum.run();
        } finally {
            files.writeLock().unlock();
        }
    }

    /** Runs {@code work} holding the lock, waiting at most {@code patience} for it. */
    public <T> T holding(Duration patience, java.util.function.Supplier<T> work) {
        try {
            if (!lock.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy(patience);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy(patience);
        }
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
