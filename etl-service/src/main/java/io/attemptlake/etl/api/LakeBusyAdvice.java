package io.attemptlake.etl.api;

import io.attemptlake.etl.lake.LakeLock;
import io.attemptlake.web.problem.ProblemException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * An erasure, purge or compaction that a run (or other maintenance) kept from the lake longer than
 * it waits: 409, retry later. One answer for every action that holds the lake.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE) // before web-support's handler of every other exception
class LakeBusyAdvice {

    @ExceptionHandler(LakeLock.Busy.class)
    ResponseEntity<ProblemDetail> busy(LakeLock.Busy e) {
        ProblemException problem = new ProblemException(HttpStatus.CONFLICT, "lake-busy", "The lake is busy", e.getMessage())
                .header(HttpHeaders.RETRY_AFTER, "60");
        return ResponseEntity.status(problem.status()).headers(problem.headers()).body(problem.toProblemDetail());
    }
}
