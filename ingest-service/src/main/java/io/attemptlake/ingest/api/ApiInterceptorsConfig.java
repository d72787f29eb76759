package io.attemptlake.ingest.api;

import io.attemptlake.ingest.intake.RateLimitInterceptor;
import io.attemptlake.web.apikey.ApiKeyRegistry;
import io.attemptlake.web.apikey.AuthenticatedApi;
import org.springframework.context.annotation.Configuration;

/** Every API request counts against its tenant's rate. */
@Configuration(proxyBeanMethods = false)
class ApiInterceptorsConfig extends AuthenticatedApi {

    ApiInterceptorsConfig(ApiKeyRegistry apiKeys, RateLimitInterceptor rateLimits) {
        super(apiKeys, rateLimits, "/api/**");
    }
}
