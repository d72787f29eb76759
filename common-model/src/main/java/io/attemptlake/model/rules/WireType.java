package io.attemptlake.model.rules;

import java.time.Instant;

/**
 * How a string on the wire is typed downstream. The regex is the contract, as documentation and as
 * the specification {@code WireTypeTest} checks the scanners against: {@link #accepts} and
 * {@link #parse} are hand-written, because a regex match and {@code OffsetDateTime.parse} per value
 * were an eighth of the ingest's CPU. Both services judge and type values with this one class.
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

    // java.time's limit for an offset (OffsetDateTime.parse refuses more); the regex allows 23:59.
    private static final int MAX_OFFSET_SECONDS = 18 * 3600;

    private final String regex;
    private final String message;
    private final String sqlType;

    WireType(String regex, String message, String sqlType) {
        this.regex = regex;
        this.message = message;
        this.sqlType = sqlType;
    }

    /** The full-match regex, without anchors: the specification of {@link #accepts}. */
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
        return switch (this) {
            case ISO_INSTANT -> isoEpochSecond(value) != Long.MIN_VALUE;
            case EPOCH_SECONDS -> isEpochSeconds(value);
            case DECIMAL -> isDecimal(value);
            case BOOLEAN -> value.equals("true") || value.equals("false");
        };
    }

    /**
     * The typed value of an accepted string: an {@link Instant} (to the nanosecond as sent), a
     * {@link Double} or a {@link Boolean}.
     *
     * @throws IllegalArgumentException when the value is not accepted
     */
    public Object parse(String value) {
        return switch (this) {
            case ISO_INSTANT -> {
                long seconds = isoEpochSecond(value);
                if (seconds == Long.MIN_VALUE) {
                    throw new IllegalArgumentException("not an ISO-8601 instant: " + value);
                }
                int dot = value.indexOf('.', 19);
                yield Instant.ofEpochSecond(seconds, dot < 0 ? 0 : nanos(value, dot + 1));
            }
            case EPOCH_SECONDS -> {
                if (!isEpochSeconds(value)) {
                    throw new IllegalArgumentException("not epoch seconds: " + value);
                }
                int dot = value.indexOf('.');
                long seconds = Long.parseLong(dot < 0 ? value : value.substring(0, dot));
                yield Instant.ofEpochSecond(seconds, dot < 0 ? 0 : nanos(value, dot + 1));
            }
            case DECIMAL -> {
                if (!isDecimal(value)) {
                    throw new IllegalArgumentException("not a decimal: " + value);
                }
                yield Double.valueOf(value);
            }
            case BOOLEAN -> {
                if (!accepts(value)) {
                    throw new IllegalArgumentException("not a boolean: " + value);
                }
                yield value.equals("true");
            }
        };
    }

    /** The fraction digits from {@code from} to the first non-digit, as nanoseconds. */
    private static int nanos(String s, int from) {
        int nanos = 0;
        int digits = 0;
        for (int i = from; i < s.length() && isDigit(s.charAt(i)); i++, digits++) {
            nanos = nanos * 10 + (s.charAt(i) - '0');
        }
        for (; digits < 9; digits++) {
            nanos *= 10;
        }
        return nanos;
    }

    /** Epoch second of a valid ISO instant, or Long.MIN_VALUE when it is not one (syntax or calendar). */
    private static long isoEpochSecond(String s) {
        int n = s.length();
        if (n < 20 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 7) || s.charAt(7) != '-'
                || !digits(s, 8, 10) || s.charAt(10) != 'T' || !digits(s, 11, 13) || s.charAt(13) != ':'
                || !digits(s, 14, 16) || s.charAt(16) != ':' || !digits(s, 17, 19)) {
            return Long.MIN_VALUE;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 7);
        int day = number(s, 8, 10);
        int hour = number(s, 11, 13);
        int minute = number(s, 14, 16);
        int second = number(s, 17, 19);
        if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        int i = 19;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == start || i - start > 9) {
                return Long.MIN_VALUE;
            }
        }
        int offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && digits(s, i + 1, i + 3)
                && s.charAt(i + 3) == ':' && digits(s, i + 4, i + 6)) {
            int hours = number(s, i + 1, i + 3);
            int minutes = number(s, i + 4, i + 6);
            if (hours > 23 || minutes > 59) {
                return Long.MIN_VALUE;
            }
            offset = (hours * 3600 + minutes * 60) * (s.charAt(i) == '-' ? -1 : 1);
            if (Math.abs(offset) > MAX_OFFSET_SECONDS) {
                return Long.MIN_VALUE;
            }
        } else {
            return Long.MIN_VALUE;
        }
        return epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offset;
    }

    private static boolean isEpochSeconds(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 11) {
            return false;
        }
        return i == n || fraction(s, i, 9);
    }

    private static boolean isDecimal(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        int start = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i == start || i - start > 15) {
            return false;
        }
        return i == n || fraction(s, i, 15);
    }

    /** At {@code i}: a dot, then 1 to {@code max} digits up to the end. */
    private static boolean fraction(String s, int i, int max) {
        if (s.charAt(i) != '.') {
            return false;
        }
        int digits = s.length() - i - 1;
        return digits >= 1 && digits <= max && digits(s, i + 1, s.length());
    }

    // Regex \d without UNICODE_CHARACTER_CLASS is ASCII only: so is this.
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    // Days since 1970-01-01 in the proleptic Gregorian calendar (as java.time.LocalDate.toEpochDay).
    private static long epochDay(int year, int month, int day) {
        long y = year;
        long total = 365 * y;
        total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367L * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) {
                total--;
            }
        }
        return total - 719_528L;
    }
}
