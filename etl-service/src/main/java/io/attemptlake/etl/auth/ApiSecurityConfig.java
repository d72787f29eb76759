package io.attemptlake.etl.auth;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
class ApiSecurityConfig implements WebMvcConfigurer {

    private final ApiKeyInterceptor apiKeys;

    ApiSecurityConfig(ApiKeyInterceptor apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(apiKeys).addPathPatterns("/api/**");
    }
}
