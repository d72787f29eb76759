package io.attemptlake.etl.api;

import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Swagger UI at /swagger-ui.html: the API as a data scientist or an operator meets it. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenApiCustomizer etlApi() {
        return api -> {
            api.info(new Info().title("attempt-lake ETL and query API").version("v1")
                    .description("Runs land what tenants published (raw, attempts, questions, options, quarantine) "
                            + "into the HDFS lake, one set of Delta tables per tenant, exactly once; data scientists "
                            + "query (as of now or of any run), report on and export their tenant's committed data. A "
                            + "tenant's key sees that tenant's rows; runs, erasures and maintenance need the admin key."));
            api.addTagsItem(new Tag().name("Runs").description("Start ETL runs and follow them (admin key)"));
            api.addTagsItem(new Tag().name("Queries").description("Read-only Spark SQL over the caller's views"));
            api.addTagsItem(new Tag().name("Reports").description("The answers asked first, computed from the lake"));
            api.addTagsItem(new Tag().name("Tables").description("The views and their columns; whole tables as files"));
            api.addTagsItem(new Tag().name("Erasures").description("Remove learners from every table and file (admin key)"));
            api.addTagsItem(new Tag().name("Maintenance").description("Retention purges and compaction, also on a schedule (admin key)"));
        };
    }
}
