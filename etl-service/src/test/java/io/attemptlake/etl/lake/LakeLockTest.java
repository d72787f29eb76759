package io.attemptlake.etl.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One writer at a time, a refusal past the wait, and a vacuum that waits for the reads under way. */
@Tag("fast")
class LakeLockTest {

    private final LakeLock lock = new LakeLock();

    @Test
    void aSecondWriterWaitsThenIsRefusedPastItsPatience() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> run = CompletableFuture.supplyAsync(() -> lock.holding(Duration.ofSeconds(5), () -> {
            holding.countDown();
            await(release);
            return "run";
        }));
        holding.await(5, TimeUnit.SECONDS);

        assertThatThrownBy(() -> lock.holding(Duration.ofMillis(200), () -> "erasure"))
                .isInstanceOf(LakeLock.Busy.class);
        CompletableFuture<String> patient = CompletableFuture.supplyAsync(() -> lock.holding(Duration.ofSeconds(5), () -> "purge"));
        Thread.sleep(100);
        assertThat(patient).isNotDone();
        release.countDown();
        assertThat(run.get(5, TimeUnit.SECONDS)).isEqualTo("run");
        assertThat(patient.get(5, TimeUnit.SECONDS)).isEqualTo("purge");
    }

    @Test
    void aVacuumWaitsForTheReadsUnderWay() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> query = CompletableFuture.runAsync(() -> lock.reading(() -> {
            reading.countDown();
            await(release);
            return null;
        }));
        reading.await(5, TimeUnit.SECONDS);

        CompletableFuture<Void> vacuum = CompletableFuture.runAsync(() -> lock.vacuuming(() -> { }));
        Thread.sleep(100);
        assertThat(vacuum).as("files a query reads are not deleted under it").isNotDone();
        release.countDown();
        query.get(5, TimeUnit.SECONDS);
        vacuum.get(5, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
