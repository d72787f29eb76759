package io.attemptlake.web.apidocs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A problem an endpoint answers with, in its OpenAPI operation: the status, the type
 * ({@code /problems/<type>}) and when, with an example body. On an action class it covers the
 * class's one endpoint.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Repeatable(ProblemResponses.class)
public @interface ProblemResponse {

    int status();

    /** The slug of the problem's type, as thrown ({@code ProblemException}'s). */
    String type();

    /** When it is answered, as the problem's detail would say. */
    String when();
}
