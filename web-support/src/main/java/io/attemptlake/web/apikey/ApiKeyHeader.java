package io.attemptlake.web.apikey;

import io.attemptlake.web.problem.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * How both services take an API key: the {@value #NAME} header, and the one answer to a key that
 * is missing or matches no one (each service decides whose keys it knows).
 */
public final class ApiKeyHeader {

    public static final String NAME = "X-API-Key";

    private ApiKeyHeader() {
    }

    public static String of(HttpServletRequest request) {
        return request.getHeader(NAME);
    }

    /** 401 for {@code key} (null when absent), with the challenge that names the header. */
    public static ProblemException unauthorized(HttpServletResponse response, String key) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "ApiKey header=\"" + NAME + "\"");
        return new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                key == null || key.isEmpty() ? "The " + NAME + " header is missing." : "The API key is not valid.");
    }
}
