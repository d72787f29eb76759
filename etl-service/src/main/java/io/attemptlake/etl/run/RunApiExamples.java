package io.attemptlake.etl.run;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The runs API's examples: a real run as {@code GET /api/v1/etl/runs/{id}} answered it ({@value #FILE}). */
@Component
class RunApiExamples implements OperationCustomizer {

    static final String FILE = "/openapi/run-example.json";

    private final Map<String, Object> run = load();

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        Object example = handler.getBeanType() == GetRunAction.class ? run
                : handler.getBeanType() == ListRunsAction.class ? List.of(run)
                : null;
        ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
        if (example != null && ok != null && ok.getContent() != null) {
            for (MediaType media : ok.getContent().values()) {
                media.setExample(example);
            }
        }
        return operation;
    }

    static Map<String, Object> load() {
        try (InputStream in = RunApiExamples.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IllegalStateException(FILE + " is missing from the class path");
            }
            return JsonMapper.builder().build().readValue(in, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
