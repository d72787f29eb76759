package io.attemptlake.etl.query;

import io.attemptlake.web.apikey.ApiKeyInterceptor;
import io.attemptlake.web.apikey.Caller;
import io.attemptlake.web.ratelimit.TokenBuckets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Per-caller rate of queries, reports and exports: they run on the executors the runs need too.
 * Runs after authentication, whose caller it counts against (web-support's {@code AuthenticatedApi}).
 */
@Component
public class RateLimitInterceptor implements HandlerInterceptor {

    private final TokenBuckets buckets;

    public RateLimitInterceptor(QueryProperties limits) {
        this.buckets = new TokenBuckets(limits.requestsPerSecond(), limits.requestBurst());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Caller caller = ApiKeyInterceptor.callerOf(request);
        buckets.admit(caller.isAdmin() ? "admin" : "tenant/" + caller.tenant(),
                "Queries are arriving faster than this key may send them; retry after the Retry-After delay.");
        return true;
    }
}
