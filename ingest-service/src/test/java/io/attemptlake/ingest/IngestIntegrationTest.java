package io.attemptlake.ingest;

import io.attemptlake.ingest.publish.KafkaSettings;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.KafkaBroker;
import io.attemptlake.testsupport.RealInfrastructure;
import io.attemptlake.testsupport.RealKafka;
import io.attemptlake.testsupport.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingest-service, really started on a random port, against the real broker shared by all
 * tests, with two tenants. Each test class writes to a topic of its own.
 */
@RealKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class IngestIntegrationTest {

    protected static final String PEARSON_KEY = TestTenant.PEARSON.key();
    protected static final String ACME_KEY = TestTenant.ACME.key();

    @LocalServerPort
    protected int port;

    @Autowired
    protected KafkaSettings kafkaSettings;

    /** Properties every ingest test context needs; classes with a broker of their own reuse it. */
    public static void ingestProperties(DynamicPropertyRegistry registry, String bootstrapServers, String topic) {
        registry.add("ingest.kafka.bootstrap-servers", () -> bootstrapServers);
        registry.add("ingest.kafka.topic", () -> topic);
        registry.add("ingest.idempotency.topic", () -> topic + "-idempotency");
        registry.add("ingest.kafka.instance-id", () -> "test-" + UUID.randomUUID());
        for (String argument : TestTenant.all("ingest.auth")) {
            String[] setting = argument.substring(2).split("=", 2);
            registry.add(setting[0], () -> setting[1]);
        }
    }

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        // A fresh topic per context: tests can count exactly what they wrote.
        ingestProperties(registry, RealInfrastructure.kafka().bootstrapServers(), "assessments-" + UUID.randomUUID());
    }

    /**
     * Posts only to a ready service, as a load balancer would: until its topics exist and its keys are
     * loaded, keyed requests are answered 503 (correctly, but a test that expects 201 would flake).
     */
    @BeforeEach
    void awaitReady() {
        awaitReady(http());
    }

    public static void awaitReady(Http service) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> service.get("/actuator/health/readiness").status() == 200);
    }

    protected Http http() {
        return new Http("http://localhost:" + port);
    }

    protected String topic() {
        return kafkaSettings.topic();
    }

    /** Everything a read_committed consumer sees in this class's topic. */
    protected List<ConsumerRecord<byte[], byte[]>> committed() {
        return kafka().readCommitted(topic());
    }

    protected KafkaBroker kafka() {
        return RealInfrastructure.kafka();
    }
}
