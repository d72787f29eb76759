package io.attemptlake.ingest.publish;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: requests wait here while the producers are busy, and the next free producer takes
 * every waiting request, up to {@code maxBytes} of records, into one transaction. A transaction
 * costs about ten milliseconds of round trips to the coordinator whatever it holds, so sixteen
 * single-record requests arriving together cost one transaction, not sixteen.
 *
 * <p>Nothing waits for company by default: an idle producer takes a lone request at once, so
 * batching grows only with load. {@code linger} makes a producer wait that long for more.
 */
final class CommitQueue {

    /** Writes one group of requests in one transaction and answers each of them. */
    @FunctionalInterface
    interface GroupWriter {
        void write(List<PendingRequest> group);
    }

    private final Deque<PendingRequest> waiting = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final long maxBytes;
    private final long lingerNanos;
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean closed;

    CommitQueue(int committers, long maxBytes, Duration linger, GroupWriter writer) {
        this.maxBytes = maxBytes;
        this.lingerNanos = linger.toNanos();
        for (int i = 0; i < committers; i++) {
            Thread t = new Thread(() -> commitLoop(writer), "ingest-commit-" + i);
            t.setDaemon(true);
            this.committers.add(t);
        }
        this.committers.forEach(Thread::start);
    }

    void submit(PendingRequest request) {
        lock.lock();
        try {
            if (closed) {
                request.fail(new PublishFailure("the service is shutting down", true, null));
                return;
            }
            waiting.addLast(request);
            arrived.signal();
        } finally {
            lock.unlock();
        }
    }

    private void commitLoop(GroupWriter writer) {
        while (!closed) {
            List<PendingRequest> group;
            try {
                group = nextGroup();
            } catch (InterruptedException e) {
                return;
            }
            if (group == null) {
                return;
            }
            try {
                writer.write(group);
            } catch (RuntimeException | Error e) {
                // The writer answers every request itself; this only keeps a bug from hanging them.
                PublishFailure failure = new PublishFailure("the records could not be written: " + e, true, e);
                group.forEach(r -> r.fail(failure));
            }
        }
    }

    /**
     * The requests for the next transaction: at least one, in arrival order, within {@code maxBytes}
     * (a larger request goes alone); null once closed.
     */
    List<PendingRequest> nextGroup() throws InterruptedException {
        List<PendingRequest> group = new ArrayList<>();
        long bytes = 0;
        lock.lockInterruptibly();
        try {
            long lingerUntil = 0;
            while (true) {
                PendingRequest next = waiting.peekFirst();
                if (next == null) {
                    if (group.isEmpty()) {
                        if (closed) {
                            return null;
                        }
                        arrived.await();
                        continue;
                    }
                    long left = lingerUntil - System.nanoTime();
                    if (left <= 0) {
                        return group;
                    }
                    arrived.awaitNanos(left);
                    continue;
                }
                if (!group.isEmpty() && bytes + next.bytes() > maxBytes) {
                    return group; // the next transaction starts with it
                }
                waiting.pollFirst();
                if (!next.take()) {
                    continue; // its client stopped waiting; it was never sent
                }
                if (group.isEmpty()) {
                    lingerUntil = System.nanoTime() + lingerNanos;
                }
                group.add(next);
                bytes += next.bytes();
                if (bytes >= maxBytes) {
                    return group;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the committers once their transactions are through (each is bounded by Kafka's timeouts);
     * requests still waiting are refused, nothing of them sent.
     */
    void close() {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread t : committers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        lock.lock();
        try {
            PublishFailure failure = new PublishFailure("the service is shutting down", true, null);
            waiting.forEach(r -> {
                if (r.take()) {
                    r.fail(failure);
                }
            });
            waiting.clear();
        } finally {
            lock.unlock();
        }
    }
}
