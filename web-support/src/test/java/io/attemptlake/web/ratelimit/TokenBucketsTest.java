package io.attemptlake.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong();
    private final TokenBuckets buckets = new TokenBuckets(2, 3, now::get);

    @Test
    void allowsABurstThenRefusesWithTheWaitUntilTheNextToken() {
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("pearson").allowed()).isTrue();
        }
        TokenBuckets.Decision refused = buckets.take("pearson");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(TokenBuckets.retryAfterSeconds(refused)).isEqualTo(1);
    }

    @Test
    void refillsAtTheRateAndNeverAboveTheBurst() {
        for (int i = 0; i < 3; i++) {
            buckets.take("pearson");
        }
        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(buckets.take("pearson").allowed()).isTrue();
        assertThat(buckets.take("pearson").allowed()).isTrue();
        assertThat(buckets.take("pearson").allowed()).isFalse();

        now.addAndGet(Duration.ofHours(1).toNanos());
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take("pearson").allowed()).isTrue();
        }
        assertThat(buckets.take("pearson").allowed()).isFalse();
    }

    @Test
    void keepsTenantsApart() {
        for (int i = 0; i < 3; i++) {
            buckets.take("pearson");
        }
        assertThat(buckets.take("pearson").allowed()).isFalse();
        assertThat(buckets.take("acme").allowed()).isTrue();
    }
}
