package io.attemptlake.web.ratelimit;

import io.attemptlake.web.problem.ProblemException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Request rate limits per caller (tenant): each gets {@code burst} requests at once and
 * {@code perSecond} more every second. A refused request learns when to retry.
 */
public final class TokenBuckets {

    /** The answer for one request: allowed, or refused with the wait before the next token. */
    public record Decision(boolean allowed, Duration retryAfter) {
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }
    }

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(double perSecond, double burst) {
        this(perSecond, burst, System::nanoTime);
    }

    TokenBuckets(double perSecond, double burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    public Decision take(String caller) {
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(caller, c -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) / 1e9 * perSecond);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return new Decision(true, Duration.ZERO);
            }
            long waitNanos = (long) Math.ceil((1 - bucket.tokens) / perSecond * 1e9);
            return new Decision(false, Duration.ofNanos(waitNanos));
        }
    }

    /** Takes a token or refuses the request: 429 problem+json with Retry-After. */
    public void admit(String caller, String detail) {
        Decision decision = take(caller);
        if (!decision.allowed()) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests", detail)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds(decision)));
        }
    }

    /** Whole seconds for a Retry-After header, at least 1. */
    public static long retryAfterSeconds(Decision decision) {
        return Math.max(1, (long) Math.ceil(decision.retryAfter().toMillis() / 1000.0));
    }
}
