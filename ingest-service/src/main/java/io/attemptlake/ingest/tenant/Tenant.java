package io.attemptlake.ingest.tenant;

import io.attemptlake.web.apikey.ApiKeyInterceptor;
import jakarta.servlet.http.HttpServletRequest;

/** A customer publishing attempts; known only through its API key. */
public record Tenant(String id) {

    /** The tenant the request was authenticated as. */
    public static Tenant of(HttpServletRequest request) {
        return new Tenant(ApiKeyInterceptor.callerOf(request).tenant());
    }
}
