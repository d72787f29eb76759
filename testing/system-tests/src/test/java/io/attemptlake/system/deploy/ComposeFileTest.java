package io.attemptlake.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml parses, is valid against the Compose spec, and agrees with the services' settings. */
class ComposeFileTest {

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        try (InputStream in = Files.newInputStream(ServiceSettings.root().resolve("docker-compose.yml"))) {
            compose = new Yaml().load(in);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void isValidAgainstTheComposeSpecification() throws IOException {
        // The published schema declares 2019-09 but still carries draft-04 "id" annotations.
        JsonMetaSchema meta = JsonMetaSchema.builder(JsonMetaSchema.getV201909())
                .keyword(new NonValidationKeyword("id")).build();
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("compose.schema")))) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909, b -> b.metaSchema(meta)).getSchema(in);
        }
        JsonNode document = new ObjectMapper().valueToTree(compose);

        Set<ValidationMessage> errors = schema.validate(document);

        assertThat(errors).isEmpty();
        assertThat(schema.validate(new ObjectMapper().valueToTree(Map.of("services", Map.of("x", Map.of("imagee", "typo"))))))
                .as("the schema catches a misspelt key").isNotEmpty();
    }

    @Test
    void runsEveryPartOfThePipeline() {
        assertThat(services.keySet()).containsExactlyInAnyOrder("kafka", "namenode", "datanode", "spark-master",
                "spark-worker", "ingest-service", "etl-service");
        assertThat((String) services.get("kafka").get("image")).startsWith("apache/kafka:");
        assertThat((String) services.get("namenode").get("image")).startsWith("apache/hadoop:");
        assertThat((String) services.get("spark-master").get("image")).startsWith("apache/spark:");
        for (String service : List.of("ingest-service", "etl-service")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) services.get(service).get("build");
            assertThat(ServiceSettings.root().resolve((String) build.get("context")).resolve((String) build.get("dockerfile")))
                    .as("Dockerfile of %s", service).isRegularFile();
        }
    }

    @Test
    void everyServiceDependencyExists() {
        services.forEach((name, service) -> {
            Object dependsOn = service.get("depends_on");
            if (dependsOn instanceof Map<?, ?> deps) {
                assertThat(services).as("%s depends on", name).containsKeys(deps.keySet().toArray(String[]::new));
            }
        });
    }

    @Test
    void environmentPortsAndHealthchecksMatchTheServicesSettings() {
        for (String module : List.of("ingest-service", "etl-service")) {
            ServiceSettings settings = ServiceSettings.of(module);
            Map<String, Object> service = services.get(module);
            @SuppressWarnings("unchecked")
            Map<String, Object> env = (Map<String, Object>) service.get("environment");

            assertThat(env.keySet()).as("environment of %s", module).allSatisfy(variable ->
                    assertThat(settings.binds(variable)).as("%s binds to a setting of %s", variable, module).isTrue());
            int port = Integer.parseInt(String.valueOf(env.getOrDefault("SERVER_PORT", settings.serverPort())));
            assertThat(port).isEqualTo(settings.serverPort());
            @SuppressWarnings("unchecked")
            List<String> ports = (List<String>) service.get("ports");
            assertThat(ports).anySatisfy(p -> assertThat(p).endsWith(":" + port));

            @SuppressWarnings("unchecked")
            List<String> test = (List<String>) ((Map<String, Object>) service.get("healthcheck")).get("test");
            Matcher url = Pattern.compile("http://localhost:(\\d+)(/\\S*)").matcher(String.join(" ", test));
            assertThat(url.find()).as("healthcheck of %s calls a URL", module).isTrue();
            assertThat(Integer.parseInt(url.group(1))).isEqualTo(port);
            assertThat(settings.actuatorPaths()).contains(url.group(2));
        }
    }

    @Test
    void theBindingCheckRejectsWhatSpringWouldIgnore() {
        ServiceSettings ingest = ServiceSettings.of("ingest-service");
        assertThat(ingest.binds("INGEST_KAFKA_BOOTSTRAPSERVERS")).isTrue();
        assertThat(ingest.binds("INGEST_AUTH_TENANTS_3_APIKEYSHA256")).isTrue();
        assertThat(ingest.binds("INGEST_KAFKA_BOOTSTRAP_SERVERS")).as("a dash is removed, not turned into _").isFalse();
        assertThat(ingest.binds("INGEST_AUTH_TENANTS_0_KEY")).isFalse();
        assertThat(ingest.binds("ETL_LAKE_BASE")).isFalse();
    }
}
