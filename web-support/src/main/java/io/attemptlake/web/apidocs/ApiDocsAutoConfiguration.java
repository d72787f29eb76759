package io.attemptlake.web.apidocs;

import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** A service that publishes an OpenAPI document documents its problem responses the same way. */
@AutoConfiguration
@ConditionalOnClass(GlobalOpenApiCustomizer.class)
public class ApiDocsAutoConfiguration {

    @Bean
    ProblemApiDocs problemApiDocs() {
        return new ProblemApiDocs();
    }
}
