package io.attemptlake.etl.api;

import io.attemptlake.etl.auth.ApiKeyInterceptor;
import io.attemptlake.etl.query.RateLimitInterceptor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every API call is authenticated first; the rate limit, which counts per caller, runs after it. */
@Configuration(proxyBeanMethods = false)
class ApiInterceptorsConfig implements WebMvcConfigurer {

    private final ApiKeyInterceptor apiKeys;
    private final RateLimitInterceptor rateLimits;

    ApiInterceptorsConfig(ApiKeyInterceptor apiKeys, RateLimitInterceptor rateLimits) {
        this.apiKeys = apiKeys;
        this.rateLimits = rateLimits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(apiKeys).addPathPatterns("/api/**");
        registry.addInterceptor(rateLimits).addPathPatterns("/api/v1/queries", "/api/v1/reports/**", "/api/v1/exports/**");
    }
}
