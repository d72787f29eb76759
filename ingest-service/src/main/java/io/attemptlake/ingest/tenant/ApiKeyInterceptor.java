package io.attemptlake.ingest.tenant;

import io.attemptlake.web.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/** Authenticates every /api request by {@code X-API-Key} before anything of its body is read. */
@Component
public class ApiKeyInterceptor implements HandlerInterceptor {

    public static final String HEADER = "X-API-Key";
    private static final String TENANT_ATTRIBUTE = Tenant.class.getName();

    private final ApiKeys apiKeys;

    public ApiKeyInterceptor(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String key = request.getHeader(HEADER);
        Tenant tenant = apiKeys.authenticate(key).orElseThrow(() -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + HEADER + "\"");
            return new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    key == null || key.isEmpty() ? "The " + HEADER + " header is missing." : "The API key is not valid.");
        });
        request.setAttribute(TENANT_ATTRIBUTE, tenant);
        return true;
    }

    /** The tenant this request was authenticated as. */
    public static Tenant tenantOf(HttpServletRequest request) {
        return (Tenant) request.getAttribute(TENANT_ATTRIBUTE);
    }
}
