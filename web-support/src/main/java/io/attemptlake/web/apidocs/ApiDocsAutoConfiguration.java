package io.attemptlake.web.apidocs;

import io.attemptlake.web.apikey.ApiKeyHeader;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * A service that publishes an OpenAPI document documents its problem responses, and its API key
 * (Swagger UI's Authorize), the same way as the other.
 */
@AutoConfiguration
@ConditionalOnClass(GlobalOpenApiCustomizer.class)
public class ApiDocsAutoConfiguration {

    @Bean
    ProblemApiDocs problemApiDocs() {
        return new ProblemApiDocs();
    }

    @Bean
    GlobalOpenApiCustomizer apiKeySecurity() {
        return api -> {
            if (api.getComponents() == null) {
                api.components(new Components());
            }
            api.getComponents().addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER).name(ApiKeyHeader.NAME));
            if (api.getSecurity() == null || api.getSecurity().isEmpty()) {
                api.addSecurityItem(new SecurityRequirement().addList("apiKey"));
            }
        };
    }
}
