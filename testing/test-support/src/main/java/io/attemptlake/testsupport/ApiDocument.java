package io.attemptlake.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A service's live OpenAPI document, read as the one reading Swagger UI would: what it names, and what it leaves out. */
public final class ApiDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode root;
    private final String json;

    public ApiDocument(String json) {
        this.json = json;
        this.root = JsonMapper.builder().build().readTree(json);
    }

    public String json() {
        return json;
    }

    public String info(String field) {
        return root.path("info").path(field).asString("");
    }

    public Set<String> paths() {
        Set<String> paths = new TreeSet<>();
        root.path("paths").properties().forEach(e -> paths.add(e.getKey()));
        return paths;
    }

    /** Every operation's tags, as "METHOD path → tag". */
    public Set<String> tags() {
        Set<String> tags = new TreeSet<>();
        operations().forEach((name, op) -> op.path("tags").forEach(t -> tags.add(t.asString())));
        return tags;
    }

    /**
     * Each error response (4xx, 5xx) that is not problem+json with the Problem schema and an
     * example whose type is {@code /problems/...}, as "METHOD path status"; empty when all are.
     */
    public List<String> undocumentedProblems() {
        List<String> missing = new ArrayList<>();
        operations().forEach((name, op) -> op.path("responses").properties().forEach(r -> {
            if (!r.getKey().matches("[45]\\d\\d")) {
                return;
            }
            JsonNode media = r.getValue().path("content").path("application/problem+json");
            boolean typed = media.path("schema").path("$ref").asString("").endsWith("/Problem")
                    && !media.path("examples").isEmpty();
            for (JsonNode example : media.path("examples")) {
                typed &= example.path("value").path("type").asString("").startsWith("/problems/");
            }
            if (!typed) {
                missing.add(name + " " + r.getKey());
            }
        }));
        return missing;
    }

    /** Operations that document no error response at all. */
    public List<String> operationsWithoutProblems() {
        List<String> bare = new ArrayList<>();
        operations().forEach((name, op) -> {
            boolean any = false;
            for (Map.Entry<String, JsonNode> r : op.path("responses").properties()) {
                any |= r.getKey().matches("[45]\\d\\d");
            }
            if (!any) {
                bare.add(name);
            }
        });
        return bare;
    }

    /**
     * Operations that document no 403: those whose action declares no scope, which every key is
     * refused (web-support's ApiKeyInterceptor fails closed).
     */
    public List<String> operationsWithoutScope() {
        List<String> bare = new ArrayList<>();
        operations().forEach((name, op) -> {
            if (op.path("responses").path("403").isMissingNode()) {
                bare.add(name);
            }
        });
        return bare;
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> ops = new java.util.TreeMap<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(m -> {
            if (METHODS.contains(m.getKey())) {
                ops.put(m.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey(), m.getValue());
            }
        }));
        return ops;
    }
}
