package io.attemptlake.web.apidocs;

import io.attemptlake.web.apikey.ApiKeyHeader;
import io.attemptlake.web.apikey.ApiKeyInterceptor;
import io.attemptlake.web.apikey.Scope;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.web.method.HandlerMethod;

/**
 * Documents each endpoint's {@link ProblemResponse}s as RFC 9457 problem+json responses: one
 * response per status, listing its types, with one example body per type, all of the
 * {@value #SCHEMA} schema. Every operation also gets the 401 of {@link ApiKeyHeader#unauthorized}:
 * the document's one security scheme is the API key, required everywhere; and each scoped action
 * the 403 of a key without its scope.
 */
public final class ProblemApiDocs implements GlobalOperationCustomizer, GlobalOpenApiCustomizer {

    public static final String SCHEMA = "Problem";
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One documented problem, from an annotation or the API key's own. */
    private record Problem(int status, String type, String when) {
        Problem(ProblemResponse annotation) {
            this(annotation.status(), annotation.type(), annotation.when());
        }
    }

    private static final Problem UNAUTHORIZED = new Problem(401, "unauthorized",
            "The " + ApiKeyHeader.NAME + " header is missing or the key is not valid.");

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        List<Problem> problems = new ArrayList<>(List.of(UNAUTHORIZED));
        Scope scope = ApiKeyInterceptor.scopeOf(handler);
        if (scope != null) {
            problems.add(new Problem(403, "forbidden", scope == Scope.ADMIN ? "The key is not the admin's."
                    : "The key lacks the " + scope.value() + " scope."));
        }
        Stream.concat(Stream.of(handler.getBeanType().getAnnotationsByType(ProblemResponse.class)),
                Stream.of(handler.getMethod().getAnnotationsByType(ProblemResponse.class))).map(Problem::new).forEach(problems::add);
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<Integer, List<Problem>> byStatus = problems.stream()
                .collect(Collectors.groupingBy(Problem::status, TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, ofStatus) -> {
            MediaType media = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA));
            for (Problem problem : ofStatus) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", "/problems/" + problem.type());
                body.put("title", HttpStatus.valueOf(status).getReasonPhrase());
                body.put("status", status);
                body.put("detail", problem.when());
                media.addExamples(problem.type(), new Example().summary(problem.when()).value(body));
            }
            responses.addApiResponse(String.valueOf(status), new ApiResponse()
                    .description(ofStatus.stream().map(p -> "`/problems/" + p.type() + "`: " + p.when())
                            .collect(Collectors.joining("; ")))
                    .content(new Content().addMediaType(MEDIA_TYPE, media)));
        });
        return operation.responses(responses);
    }

    @Override
    public void customise(OpenAPI api) {
        if (api.getComponents() == null) {
            api.components(new Components());
        }
        api.getComponents().addSchemas(SCHEMA, new ObjectSchema()
                .description("An RFC 9457 problem: why a request was refused. Some add fields, e.g. errors (per record).")
                .addProperty("type", new StringSchema().format("uri-reference").example("/problems/invalid-records")
                        .description("What kind of problem; stable, for programs to act on"))
                .addProperty("title", new StringSchema().description("A short summary of the type"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What went wrong with this request, for people"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("The request's path"))
                .addRequiredItem("type").addRequiredItem("status"));
    }
}
