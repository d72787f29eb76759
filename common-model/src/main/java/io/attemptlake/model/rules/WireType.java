package io.attemptlake.model.rules;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * How a string on the wire is typed downstream. The regex is the contract: the ingest checks it in
 * Java and the ETL checks the very same regex in Spark SQL (rlike) before casting, so both sides
 * accept exactly the same strings.
 */
public enum WireType {

    /** ISO-8601 instant with an offset, e.g. {@code 2018-01-23T14:23:19.082Z}; lands as TIMESTAMP. */
    ISO_INSTANT("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?"
            + "(Z|[+-]([01]\\d|2[0-3]):[0-5]\\d)",
            "must be an ISO-8601 instant such as 2018-01-23T14:23:19.082Z", "TIMESTAMP"),

    /** Epoch seconds with an optional fraction, e.g. {@code "1516717442.735266"}; lands as TIMESTAMP. */
    EPOCH_SECONDS("\\d{1,11}(\\.\\d{1,9})?",
            "must be epoch seconds such as \"1516717442.735266\"", "TIMESTAMP"),

    /** A plain decimal number, e.g. {@code "1.0"}; lands as DOUBLE. */
    DECIMAL("-?\\d{1,15}(\\.\\d{1,15})?", "must be a decimal number such as \"1.0\"", "DOUBLE"),

    /** {@code "true"} or {@code "false"}; lands as BOOLEAN. */
    BOOLEAN("true|false", "must be \"true\" or \"false\"", "BOOLEAN");

    private final String regex;
    private final Pattern pattern;
    private final String message;
    private final String sqlType;

    WireType(String regex, String message, String sqlType) {
        this.regex = regex;
        this.pattern = Pattern.compile(regex);
        this.message = message;
        this.sqlType = sqlType;
    }

    /** The full-match regex, without anchors. */
    public String regex() {
        return regex;
    }

    public String message() {
        return message;
    }

    /** The Spark SQL type the value lands as. */
    public String sqlType() {
        return sqlType;
    }

    public boolean accepts(String value) {
        if (!pattern.matcher(value).matches()) {
            return false;
        }
        if (this == ISO_INSTANT) {
            try {
                OffsetDateTime.parse(value); // calendar check: 2018-02-30 matches the regex, is no date
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return true;
    }

    /** The typed value of an accepted string: Instant, Double or Boolean. */
    public Object parse(String value) {
        return switch (this) {
            case ISO_INSTANT -> OffsetDateTime.parse(value).toInstant();
            case EPOCH_SECONDS -> {
                BigDecimal seconds = new BigDecimal(value);
                long whole = seconds.longValue();
                yield Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
            }
            case DECIMAL -> Double.valueOf(value);
            case BOOLEAN -> Boolean.valueOf(value);
        };
    }
}
