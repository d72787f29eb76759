package io.attemptlake.etl.auth;

import io.attemptlake.web.apikey.ApiKeyRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The admin's keys and every tenant's: web-support authenticates with them and checks each action's scope. */
@Configuration(proxyBeanMethods = false)
class ApiKeys {

    @Bean
    ApiKeyRegistry apiKeyRegistry(AuthProperties properties) {
        return new ApiKeyRegistry(properties.adminKeys(), properties.tenants());
    }
}
