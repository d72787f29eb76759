package io.attemptlake.etl.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every API call is authenticated first: interceptors registered elsewhere (rate limits) run after it and may rely on its caller. */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig implements WebMvcConfigurer {

    private final ApiKeyInterceptor apiKeys;

    ApiSecurityConfig(ApiKeyInterceptor apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(apiKeys).addPathPatterns("/api/**").order(Ordered.HIGHEST_PRECEDENCE);
    }
}
