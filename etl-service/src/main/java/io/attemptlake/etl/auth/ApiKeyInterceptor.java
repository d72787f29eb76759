package io.attemptlake.etl.auth;

import io.attemptlake.model.tenant.ApiKeyHashes;
import io.attemptlake.model.tenant.TenantId;
import io.attemptlake.web.apikey.ApiKeyHeader;
import io.attemptlake.web.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Authenticates every /api request by {@code X-API-Key}: the admin's key or a tenant's. */
@Component
public class ApiKeyInterceptor implements HandlerInterceptor {

    private static final String ATTRIBUTE = Caller.class.getName();

    private final ApiKeyHashes<Caller> keys = new ApiKeyHashes<>();

    public ApiKeyInterceptor(AuthProperties properties) {
        if (properties.adminKeySha256() != null && !properties.adminKeySha256().isBlank()) {
            keys.add(Caller.ADMIN, properties.adminKeySha256());
        }
        for (AuthProperties.Tenant t : properties.tenants()) {
            if (!TenantId.isValid(t.id())) {
                throw new IllegalArgumentException("tenant id must match " + TenantId.REGEX + ": " + t.id());
            }
            keys.add(new Caller(t.id()), t.apiKeySha256());
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String key = ApiKeyHeader.of(request);
        Caller caller = keys.match(key).orElseThrow(() -> ApiKeyHeader.unauthorized(response, key));
        request.setAttribute(ATTRIBUTE, caller);
        return true;
    }

    public static Caller callerOf(HttpServletRequest request) {
        return (Caller) request.getAttribute(ATTRIBUTE);
    }

    /** For admin-only actions. */
    public static void requireAdmin(HttpServletRequest request) {
        if (!callerOf(request).isAdmin()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "Only the admin key may do this.");
        }
    }
}
