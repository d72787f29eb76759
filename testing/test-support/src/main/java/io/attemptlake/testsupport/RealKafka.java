package io.attemptlake.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test class runs against a real Kafka broker, shared by every test class of the JVM.
 * Inject {@link KafkaBroker} as a parameter, or call {@link RealInfrastructure#kafka()} (e.g. from a
 * {@code @DynamicPropertySource}).
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealInfrastructure.class)
public @interface RealKafka {
}
