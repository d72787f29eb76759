package io.attemptlake.etl.query;

import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/** RFC 4180 CSV of a result; nested values as JSON. */
final class Csv {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Csv() {
    }

    static String of(QueryResult result) {
        StringBuilder out = new StringBuilder();
        out.append(result.columns().stream().map(c -> field(c.name())).collect(Collectors.joining(","))).append("\r\n");
        for (List<Object> row : result.rows()) {
            out.append(row.stream().map(Csv::value).collect(Collectors.joining(","))).append("\r\n");
        }
        return out.toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof java.util.Map || v instanceof List) {
            return field(JSON.writeValueAsString(v));
        }
        return field(String.valueOf(v));
    }

    private static String field(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
