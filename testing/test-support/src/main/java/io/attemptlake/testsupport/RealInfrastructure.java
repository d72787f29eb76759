package io.attemptlake.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one extension behind {@link RealKafka} and {@link RealHdfs}: starts each real component once
 * per test JVM, on first use, and stops it when the JVM's tests are done.
 */
public final class RealInfrastructure implements BeforeAllCallback, ParameterResolver {

    private static KafkaBroker kafka;

    /** The shared broker, started on first call. */
    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            kafka = KafkaBroker.start(newDir("kafka"));
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-broker-stop"));
        }
        if (!kafka.isRunning()) {
            kafka.start(); // a test that stopped it must not break the next one
        }
        return kafka;
    }

    /** A fresh directory under the build's temp dir. */
    public static Path newDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (testClass.isAnnotationPresent(RealKafka.class)) {
            kafka();
        }
        if (testClass.isAnnotationPresent(RealHdfs.class)) {
            SharedHdfs.cluster();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaBroker.class || type.getName().equals("io.attemptlake.testsupport.HdfsCluster");
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class ? kafka() : SharedHdfs.cluster();
    }
}
