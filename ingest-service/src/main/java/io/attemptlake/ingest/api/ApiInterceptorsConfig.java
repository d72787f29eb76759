package io.attemptlake.ingest.api;

import io.attemptlake.ingest.intake.RateLimitInterceptor;
import io.attemptlake.ingest.tenant.ApiKeyInterceptor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

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
        registry.addInterceptor(rateLimits).addPathPatterns("/api/**");
    }
}
