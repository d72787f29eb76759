package io.attemptlake.web.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Every service that has this module answers every error in problem+json. */
@AutoConfiguration
@AutoConfigureBefore(ErrorMvcAutoConfiguration.class)
@Import({ProblemHandler.class, ProblemErrorController.class})
public class ProblemAutoConfiguration {
}
