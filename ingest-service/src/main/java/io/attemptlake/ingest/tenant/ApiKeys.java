package io.attemptlake.ingest.tenant;

import io.attemptlake.web.apikey.ApiKeyRegistry;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ingest knows its tenants' keys only; it has no admin. */
@Configuration(proxyBeanMethods = false)
class ApiKeys {

    @Bean
    ApiKeyRegistry apiKeyRegistry(TenantProperties properties) {
        return new ApiKeyRegistry(List.of(), properties.tenants());
    }
}
