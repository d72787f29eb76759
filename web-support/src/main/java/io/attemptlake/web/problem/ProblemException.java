package io.attemptlake.web.problem;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A refusal with an RFC 9457 problem body. Thrown anywhere a request cannot be honoured; the
 * {@link ProblemHandler} turns it into the response. The type is {@code /problems/<slug>}.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final HttpHeaders headers = new HttpHeaders();

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, null);
    }

    public ProblemException(HttpStatus status, String slug, String title, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public ProblemException with(String property, Object value) {
        properties.put(property, value);
        return this;
    }

    public ProblemException header(String name, String value) {
        headers.set(name, value);
        return this;
    }

    public Object property(String name) {
        return properties.get(name);
    }

    public HttpStatus status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(URI.create("/problems/" + slug));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }
}
