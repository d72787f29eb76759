package io.attemptlake.ingest.api;

import io.attemptlake.ingest.intake.RateLimitInterceptor;
import io.attemptlake.ingest.tenant.ApiKeyInterceptor;
import io.attemptlake.web.apikey.AuthenticatedApi;
import org.springframework.context.annotation.Configuration;

/** Every API request counts against its tenant's rate. */
@Configuration(proxyBeanMethods = false)
class ApiInterceptorsConfig extends AuthenticatedApi {

    ApiInterceptorsConfig(ApiKeyInterceptor apiKeys, RateLimitInterceptor rateLimits) {
        super(apiKeys, rateLimits, "/api/**");
    }
}
