package io.attemptlake.web.apikey;

import java.util.List;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How both services guard {@code /api/**}: the API key is checked first, then the rate limit, which
 * counts per caller and so needs the caller the key named. Each service says which paths it limits.
 */
public abstract class AuthenticatedApi implements WebMvcConfigurer {

    private final HandlerInterceptor apiKeys;
    private final HandlerInterceptor rateLimits;
    private final List<String> limited;

    protected AuthenticatedApi(ApiKeyRegistry keys, HandlerInterceptor rateLimits, String... limited) {
        this.apiKeys = new ApiKeyInterceptor(keys);
        this.rateLimits = rateLimits;
        this.limited = List.of(limited);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(apiKeys).addPathPatterns("/api/**");
        registry.addInterceptor(rateLimits).addPathPatterns(limited);
    }
}
