package io.attemptlake.ingest.tenant;

import io.attemptlake.web.apikey.ApiKeyHeader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Authenticates every /api request by {@code X-API-Key} before anything of its body is read. */
@Component
public class ApiKeyInterceptor implements HandlerInterceptor {

    private static final String TENANT_ATTRIBUTE = Tenant.class.getName();

    private final ApiKeys apiKeys;

    public ApiKeyInterceptor(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String key = ApiKeyHeader.of(request);
        Tenant tenant = apiKeys.authenticate(key).orElseThrow(() -> ApiKeyHeader.unauthorized(response, key));
        request.setAttribute(TENANT_ATTRIBUTE, tenant);
        return true;
    }

    /** The tenant this request was authenticated as. */
    public static Tenant tenantOf(HttpServletRequest request) {
        return (Tenant) request.getAttribute(TENANT_ATTRIBUTE);
    }
}
