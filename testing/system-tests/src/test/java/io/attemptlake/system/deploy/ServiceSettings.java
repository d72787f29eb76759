package io.attemptlake.system.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;

/**
 * What a service can be configured with: its properties (Spring Boot's generated metadata) and its
 * application.yml. Answers whether an environment variable binds to one of its settings, the way
 * Spring's relaxed binding does it (dots become underscores, dashes disappear, lists take an index).
 */
final class ServiceSettings {

    /** Spring Boot's own settings that deployment files may set. */
    private static final Set<String> BOOT_VARIABLES = Set.of("SERVER_PORT", "SPRING_APPLICATION_JSON",
            "SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    record Property(List<String> parts, String type) {
    }

    final String name;
    private final Path module;
    private final List<Property> properties = new ArrayList<>();
    private final Map<String, Object> applicationYml;

    private ServiceSettings(String name, Path module) {
        this.name = name;
        this.module = module;
        try {
            JsonNode metadata = new ObjectMapper().readTree(
                    module.resolve("target/classes/META-INF/spring-configuration-metadata.json").toFile());
            for (JsonNode p : metadata.get("properties")) {
                properties.add(new Property(List.of(p.get("name").asText().replace("-", "").split("\\.")),
                        p.path("type").asText()));
            }
            try (InputStream in = Files.newInputStream(module.resolve("src/main/resources/application.yml"))) {
                applicationYml = new Yaml().load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path root() {
        return Path.of(System.getProperty("attemptlake.root", "..")).toAbsolutePath().normalize();
    }

    static ServiceSettings of(String module) {
        return new ServiceSettings(module, root().resolve(module));
    }

    /** True when Spring binds {@code variable} to one of this service's settings. */
    boolean binds(String variable) {
        if (BOOT_VARIABLES.contains(variable)) {
            return true;
        }
        List<String> parts = List.of(variable.toLowerCase(Locale.ROOT).split("_"));
        for (Property p : properties) {
            if (parts.equals(p.parts())) {
                return true;
            }
            if (parts.size() > p.parts().size() && parts.subList(0, p.parts().size()).equals(p.parts())) {
                List<String> rest = parts.subList(p.parts().size(), parts.size());
                if (p.type().startsWith("java.util.Map")) {
                    return true;
                }
                if (p.type().startsWith("java.util.List") && rest.size() == 2 && rest.get(0).matches("\\d+")) {
                    return elementFields(p.type()).contains(rest.get(1));
                }
            }
        }
        return false;
    }

    /** The settings' field names of a list's record elements, read from the compiled classes. */
    private List<String> elementFields(String listType) {
        String element = listType.substring(listType.indexOf('<') + 1, listType.lastIndexOf('>'));
        String binaryName = element.replaceAll("\\.([A-Z][A-Za-z0-9]*)\\.([A-Z])", ".$1\\$$2");
        // A service's settings may hold web-support's types (the tenants' keys).
        try (URLClassLoader loader = new URLClassLoader(new URL[] {module.resolve("target/classes").toUri().toURL(),
                root().resolve("web-support/target/classes").toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            RecordComponent[] components = Class.forName(binaryName, false, loader).getRecordComponents();
            return Arrays.stream(components).map(c -> c.getName().toLowerCase(Locale.ROOT)).toList();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("cannot read " + element + " of " + name, e);
        }
    }

    int serverPort() {
        return (Integer) section("server").get("port");
    }

    /** The actuator paths that answer: health (and its probes when enabled), info, prometheus. */
    Set<String> actuatorPaths() {
        Map<String, Object> management = section("management");
        String exposed = (String) dig(management, "endpoints", "web", "exposure", "include");
        Set<String> paths = new java.util.HashSet<>();
        for (String endpoint : exposed.split(",")) {
            paths.add("/actuator/" + endpoint.trim());
        }
        if (Boolean.TRUE.equals(dig(management, "endpoint", "health", "probes", "enabled"))) {
            paths.add("/actuator/health/liveness");
            paths.add("/actuator/health/readiness");
        }
        return paths;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String key) {
        return (Map<String, Object>) applicationYml.get(key);
    }

    @SuppressWarnings("unchecked")
    private static Object dig(Map<String, Object> map, String... keys) {
        Object current = map;
        for (String k : keys) {
            current = ((Map<String, Object>) current).get(k);
        }
        return current;
    }
}
