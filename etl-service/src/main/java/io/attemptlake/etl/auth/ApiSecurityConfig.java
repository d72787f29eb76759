package io.attemptlake.etl.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig implements WebMvcConfigurer {

    private final ApiKeyInterceptor apiKeys;
    private final RateLimitInterceptor rateLimits;

    ApiSecurityConfig(ApiKeyInterceptor apiKeys, RateLimitInterceptor rateLimits) {
        this.apiKeys = apiKeys;
        this.rateLimits = rateLimits;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(apiKeys).addPathPatterns("/api/**");
        registry.addInterceptor(rateLimits).addPathPatterns("/api/v1/queries", "/api/v1/reports/**", "/api/v1/exports/**");
    }
}
