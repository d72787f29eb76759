package io.attemptlake.ingest.intake;

import io.attemptlake.ingest.tenant.Tenant;
import io.attemptlake.web.ratelimit.TokenBuckets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Per-tenant request rate: one tenant's flood cannot starve the others. Runs after authentication. */
@Component
public class RateLimitInterceptor implements HandlerInterceptor {

    private final TokenBuckets buckets;

    public RateLimitInterceptor(IntakeProperties limits) {
        this.buckets = new TokenBuckets(limits.requestsPerSecond(), limits.requestBurst());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        buckets.admit(Tenant.of(request).id(),
                "This tenant is sending requests faster than it may; retry after the Retry-After delay.");
        return true;
    }
}
