package io.attemptlake.etl.api;

import io.attemptlake.web.apikey.ApiKeyRegistry;
import io.attemptlake.etl.query.RateLimitInterceptor;
import io.attemptlake.web.apikey.AuthenticatedApi;
import org.springframework.context.annotation.Configuration;

/** Queries, reports and exports are rate-limited; runs (admin only) are not. */
@Configuration(proxyBeanMethods = false)
class ApiInterceptorsConfig extends AuthenticatedApi {

    ApiInterceptorsConfig(ApiKeyRegistry apiKeys, RateLimitInterceptor rateLimits) {
        super(apiKeys, rateLimits, "/api/v1/queries", "/api/v1/reports/**", "/api/v1/exports/**");
    }
}
