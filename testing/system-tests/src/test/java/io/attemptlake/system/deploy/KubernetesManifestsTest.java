package io.attemptlake.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * k8s/ parses, every object is valid against Kubernetes' own API models (the official Java client,
 * generated from the Kubernetes OpenAPI spec: unknown fields and missing required ones are refused),
 * references between objects resolve, and the services' settings, ports and probes are real.
 */
class KubernetesManifestsTest {

    private static final Path K8S = ServiceSettings.root().resolve("k8s");
    private static final Gson GSON = new Gson();
    private static final List<Map<String, Object>> documents = new ArrayList<>();
    private static final Map<String, V1ConfigMap> configMaps = new LinkedHashMap<>();
    private static final Map<String, V1Secret> secrets = new LinkedHashMap<>();
    private static final Map<String, V1PodTemplateSpec> workloads = new LinkedHashMap<>();
    private static final List<V1Service> services = new ArrayList<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    for (Object doc : new Yaml().loadAll(in)) {
                        if (doc != null) {
                            ((Map<String, Object>) doc).put("__file", file.getFileName().toString());
                            documents.add((Map<String, Object>) doc);
                        }
                    }
                }
            }
        }
        index();
    }

    private static JsonElement json(Map<String, Object> doc) {
        Map<String, Object> copy = new LinkedHashMap<>(doc);
        copy.remove("__file");
        return GSON.toJsonTree(copy);
    }

    private static void index() throws IOException {
        for (Map<String, Object> doc : documents) {
            String json = json(doc).toString();
            switch ((String) doc.get("kind")) {
                case "ConfigMap" -> {
                    V1ConfigMap cm = V1ConfigMap.fromJson(json);
                    configMaps.put(cm.getMetadata().getName(), cm);
                }
                case "Secret" -> {
                    V1Secret secret = V1Secret.fromJson(json);
                    secrets.put(secret.getMetadata().getName(), secret);
                }
                case "Service" -> services.add(V1Service.fromJson(json));
                case "Deployment" -> {
                    V1Deployment d = V1Deployment.fromJson(json);
                    workloads.put(d.getMetadata().getName(), d.getSpec().getTemplate());
                }
                case "StatefulSet" -> {
                    V1StatefulSet st = V1StatefulSet.fromJson(json);
                    workloads.put(st.getMetadata().getName(), st.getSpec().getTemplate());
                }
                default -> { }
            }
        }
    }

    @Test
    void everyObjectIsValidAgainstTheKubernetesApi() throws IOException {
        for (Map<String, Object> doc : documents) {
            String kind = (String) doc.get("kind");
            JsonElement json = json(doc);
            switch (kind) {
                case "Kustomization" -> assertThat(doc.get("apiVersion")).isEqualTo("kustomize.config.k8s.io/v1beta1");
                case "Namespace" -> V1Namespace.validateJsonElement(json);
                case "ConfigMap" -> V1ConfigMap.validateJsonElement(json);
                case "Secret" -> V1Secret.validateJsonElement(json);
                case "Service" -> V1Service.validateJsonElement(json);
                case "Deployment" -> V1Deployment.validateJsonElement(json);
                case "StatefulSet" -> V1StatefulSet.validateJsonElement(json);
                default -> throw new AssertionError(doc.get("__file") + ": " + kind + " is a kind this test does not know");
            }
        }
        assertThat(workloads.keySet()).containsExactlyInAnyOrder("kafka", "namenode", "datanode", "spark-master",
                "spark-worker", "ingest-service", "etl-service");
        assertThatThrownBy(() -> V1Deployment.validateJsonElement(GSON.toJsonTree(Map.of("apiVersion", "apps/v1",
                "kind", "Deployment", "spec", Map.of("replica", 1))))).as("a misspelt field is refused")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kustomizeAppliesEveryFile() throws IOException {
        Map<String, Object> kustomization = documents.stream().filter(d -> "Kustomization".equals(d.get("kind")))
                .findFirst().orElseThrow();
        try (Stream<Path> files = Files.list(K8S)) {
            @SuppressWarnings("unchecked")
            List<String> resources = (List<String>) kustomization.get("resources");
            assertThat(resources).containsExactlyInAnyOrderElementsOf(files
                    .map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml")).toList());
        }
    }

    @Test
    void referencesBetweenObjectsResolve() {
        for (V1Service service : services) {
            Map<String, String> selector = service.getSpec().getSelector();
            V1PodTemplateSpec target = workloads.values().stream()
                    .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError("service " + service.getMetadata().getName() + " selects nothing"));
            List<V1ContainerPort> ports = target.getSpec().getContainers().stream()
                    .flatMap(c -> c.getPorts() == null ? Stream.empty() : c.getPorts().stream()).toList();
            service.getSpec().getPorts().forEach(p -> {
                Object targetPort = p.getTargetPort() == null ? p.getPort() : p.getTargetPort().isInteger()
                        ? p.getTargetPort().getIntValue() : p.getTargetPort().getStrValue();
                assertThat(ports).as("port %s of service %s", targetPort, service.getMetadata().getName())
                        .anySatisfy(cp -> assertThat(targetPort).isIn(cp.getContainerPort(), cp.getName()));
            });
        }
        workloads.forEach((name, template) -> {
            for (V1Container c : template.getSpec().getContainers()) {
                for (V1EnvFromSource from : c.getEnvFrom() == null ? List.<V1EnvFromSource>of() : c.getEnvFrom()) {
                    assertThat(configMaps).as("%s's envFrom", name).containsKey(from.getConfigMapRef().getName());
                }
                for (V1EnvVar env : c.getEnv() == null ? List.<V1EnvVar>of() : c.getEnv()) {
                    if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                        var ref = env.getValueFrom().getSecretKeyRef();
                        assertThat(secrets).as("%s: secret of %s", name, env.getName()).containsKey(ref.getName());
                        assertThat(secrets.get(ref.getName()).getStringData()).containsKey(ref.getKey());
                    }
                }
            }
        });
    }

    @Test
    void everyContainerHasProbesAndResources() {
        workloads.forEach((name, template) -> template.getSpec().getContainers().forEach(c -> {
            assertThat(c.getReadinessProbe()).as("readiness of %s", name).isNotNull();
            assertThat(c.getLivenessProbe()).as("liveness of %s", name).isNotNull();
            assertThat(c.getResources().getRequests()).as("requests of %s", name).containsKeys("cpu", "memory");
            assertThat(c.getResources().getLimits()).as("limits of %s", name).containsKey("memory");
        }));
    }

    @Test
    void theServicesSettingsPortsAndProbesAreReal() {
        for (String module : List.of("ingest-service", "etl-service")) {
            ServiceSettings settings = ServiceSettings.of(module);
            V1Container container = workloads.get(module).getSpec().getContainers().get(0);
            List<String> variables = new ArrayList<>();
            container.getEnv().forEach(e -> variables.add(e.getName()));
            container.getEnvFrom().forEach(f -> variables.addAll(configMaps.get(f.getConfigMapRef().getName()).getData().keySet()));

            assertThat(variables).as("environment of %s", module).allSatisfy(v ->
                    assertThat(settings.binds(v)).as("%s binds to a setting of %s", v, module).isTrue());
            V1ContainerPort http = container.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();
            assertThat(http.getContainerPort()).isEqualTo(settings.serverPort());
            for (V1Probe probe : List.of(container.getReadinessProbe(), container.getLivenessProbe())) {
                assertThat(settings.actuatorPaths()).contains(probe.getHttpGet().getPath());
                assertThat(probe.getHttpGet().getPort().getStrValue()).isEqualTo("http");
            }
        }
    }
}
