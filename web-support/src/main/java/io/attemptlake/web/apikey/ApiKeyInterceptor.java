package io.attemptlake.web.apikey;

import io.attemptlake.web.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates every {@code /api} request by its key before anything of its body is read (401),
 * then lets it reach its action only if the key carries the action's {@link RequiresScope} (403).
 */
public class ApiKeyInterceptor implements HandlerInterceptor {

    private static final String ATTRIBUTE = Caller.class.getName();

    private final ApiKeyRegistry keys;

    public ApiKeyInterceptor(ApiKeyRegistry keys) {
        this.keys = keys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String key = ApiKeyHeader.of(request);
        Caller caller = keys.match(key).orElseThrow(() -> ApiKeyHeader.unauthorized(response, key));
        request.setAttribute(ATTRIBUTE, caller);
        if (handler instanceof HandlerMethod action) {
            Scope needed = scopeOf(action);
            if (needed == null || !caller.may(needed)) {
                throw forbidden(needed);
            }
        }
        return true;
    }

    /** The action's scope: its method's, else its class's; null when it has none. Per request: the JVM caches annotations. */
    public static Scope scopeOf(HandlerMethod action) {
        RequiresScope scope = action.getMethod().getAnnotation(RequiresScope.class);
        if (scope == null) {
            scope = action.getBeanType().getAnnotation(RequiresScope.class);
        }
        return scope == null ? null : scope.value();
    }

    static ProblemException forbidden(Scope needed) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", needed == null
                ? "No key may do this."
                : needed == Scope.ADMIN ? "Only the admin key may do this."
                : "This key may not do this: it lacks the " + needed.value() + " scope.");
    }

    /** Who the request was authenticated as. */
    public static Caller callerOf(HttpServletRequest request) {
        return (Caller) request.getAttribute(ATTRIBUTE);
    }
}
