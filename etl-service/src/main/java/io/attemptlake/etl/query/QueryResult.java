package io.attemptlake.etl.query;

import java.util.List;

/**
 * A query's answer.
 *
 * @param columns   name and Spark SQL type of each column
 * @param rows      the values, row by row (timestamps and dates as ISO-8601, binary as base64)
 * @param truncated true when the query had more rows than the limit
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows, boolean truncated) {

    public record Column(String name, String type) {
    }
}
