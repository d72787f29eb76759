package io.attemptlake.ingest.api;

import io.attemptlake.model.Samples;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Swagger UI at /swagger-ui.html, with the lab's real record as the example body. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenApiCustomizer assessmentsApi() {
        return api -> {
            api.info(new Info().title("attempt-lake ingest API").version("v1")
                    .description("Tenants publish assessment attempts; each request is written to Kafka atomically."));
            api.addTagsItem(new Tag().name("Assessments").description("Publish assessment attempts (a tenant's key)"));
            String real = Samples.realRecord();
            api.getPaths().values().stream()
                    .filter(path -> path.getPost() != null)
                    .forEach(path -> path.getPost().requestBody(new RequestBody().required(true)
                            .description("The lab's real record; also a JSON array of records, or NDJSON")
                            .content(new Content()
                                    .addMediaType("application/json", new MediaType().example(real))
                                    .addMediaType("application/x-ndjson", new MediaType().example(real + "\n" + real)))));
        };
    }
}
