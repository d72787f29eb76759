package io.attemptlake.ingest.intake;

import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Seeded generator of bad and odd requests to {@code POST /api/v1/assessments}: mutations of real
 * records (truncation, edits, wrong types, bad bytes) and hostile shapes (nesting, bombs, cut-off
 * bodies, wrong headers). Case {@code i} of a seed is always the same request, so a failure names
 * the seed and index that reproduce it.
 */
final class BadRequests {

    /** One generated request and the kind of badness it carries. */
    record Case(int index, String kind, RawHttp.Request request) {
        @Override
        public String toString() {
            return "#" + index + " " + kind + " (" + request.body().length + " bytes, headers "
                    + request.headers().stream().map(h -> h[0] + "=" + h[1]).toList() + ")";
        }
    }

    static final String PATH = "/api/v1/assessments";
    private static final List<String> TOP_LEVEL = List.of("exam_name", "base_exam_id", "user_exam_id", "started_at",
            "keen_id", "keen_timestamp", "keen_created_at", "max_attempts", "certification", "sequences");
    private static final Pattern FIELD = Pattern.compile("\"([A-Za-z_]+)\"\\s*:\\s*");
    private static final String[] ODD_VALUES = {"null", "true", "false", "0", "-1", "1e400", "-1e400", "1e-400",
            "123456789012345678901234567890", "-0", "NaN", "Infinity", "0x10", "01", "\"\"", "\"x\"", "{}", "[]",
            "[null]", "{\"a\":1}", "\"2024-13-45T99:99:99Z\"", "\"\\u0000\"", "\"\\ud800\"", "9.9e9999999999"};
    private static final byte[][] BAD_UTF8 = {{(byte) 0xFF}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0x80},
            {(byte) 0xC3}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};

    private final long seed;
    private final List<String> records;
    private final String apiKey;
    private final byte[][] bombs;

    BadRequests(long seed, List<String> records, String apiKey) {
        this.seed = seed;
        this.records = List.copyOf(records);
        this.apiKey = apiKey;
        // Made once: gzip of mostly whitespace inflates ~1000:1, far past the decoded-size limit.
        this.bombs = new byte[][] {
                bomb("[", ' ', 48 << 20, "]"),
                bomb("", '\n', 48 << 20, ""),
                bomb("[" + records.get(0), ',', 0, "]", records.get(0), 48 << 20)};
    }

    Case next(int index) {
        Random r = new Random(seed * 1_000_003L + index);
        int pick = r.nextInt(1000);
        if (pick < 110) {
            return truncated(index, r);
        } else if (pick < 230) {
            return malformed(index, r);
        } else if (pick < 380) {
            return wrongType(index, r);
        } else if (pick < 400) {
            return hugeString(index, r);
        } else if (pick < 440) {
            return deepNesting(index, r);
        } else if (pick < 520) {
            return invalidUtf8(index, r);
        } else if (pick < 580) {
            return nulBytes(index, r);
        } else if (pick < 640) {
            return duplicateKeys(index, r);
        } else if (pick < 700) {
            return numbers(index, r);
        } else if (pick < 720) {
            return hugeArray(index, r);
        } else if (pick < 830) {
            return headers(index, r);
        } else if (pick < 836) {
            return new Case(index, "gzip-bomb", post(bombs[r.nextInt(bombs.length)], jsonOrNdjson(r), "Content-Encoding", "gzip"));
        } else if (pick < 880) {
            return cutMidway(index, r);
        } else if (pick < 920) {
            return brokenGzip(index, r);
        } else if (pick < 960) {
            return degenerate(index, r);
        }
        return wrongRoute(index, r);
    }

    private Case truncated(int index, Random r) {
        String body = body(r);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Case(index, "truncated", maybeGzip(r, Arrays.copyOf(bytes, 1 + r.nextInt(bytes.length - 1)), contentType(body)));
    }

    private Case malformed(int index, Random r) {
        StringBuilder body = new StringBuilder(body(r));
        String noise = "{}[]\",:\\ \t'/*#xtrue0-.";
        for (int edits = 1 + r.nextInt(4); edits > 0; edits--) {
            int at = r.nextInt(body.length());
            switch (r.nextInt(3)) {
                case 0 -> body.deleteCharAt(at);
                case 1 -> body.insert(at, noise.charAt(r.nextInt(noise.length())));
                default -> body.setCharAt(at, noise.charAt(r.nextInt(noise.length())));
            }
        }
        return new Case(index, "malformed", maybeGzip(r, utf8(body.toString()), contentType(body.toString())));
    }

    private Case wrongType(int index, Random r) {
        String record = record(r);
        int[] value = randomValue(record, r);
        String replaced = record.substring(0, value[0]) + ODD_VALUES[r.nextInt(ODD_VALUES.length)] + record.substring(value[1]);
        return new Case(index, "wrong-type", maybeGzip(r, utf8(replaced), "application/json"));
    }

    private Case hugeString(int index, Random r) {
        String record = record(r);
        int[] value = randomValue(record, r);
        String chars = "aé中\\n ";
        StringBuilder huge = new StringBuilder("\"");
        int length = (1 << 20) + r.nextInt(2 << 20);
        while (huge.length() < length) {
            huge.append(chars.charAt(r.nextInt(chars.length())));
        }
        String body = record.substring(0, value[0]) + huge.append('"') + record.substring(value[1]);
        return new Case(index, "huge-string", maybeGzip(r, utf8(body), "application/json"));
    }

    private Case deepNesting(int index, Random r) {
        int depth = 600 + r.nextInt(r.nextBoolean() ? 2_000 : 200_000);
        boolean objects = r.nextBoolean();
        StringBuilder body = new StringBuilder(depth * 6);
        if (r.nextBoolean()) {
            String record = record(r);
            body.append(record, 0, record.length() - 1).append(",\"extra\":");
        }
        for (int i = 0; i < depth; i++) {
            body.append(objects ? "{\"a\":" : "[");
        }
        body.append("1");
        for (int i = 0; i < depth; i++) {
            body.append(objects ? "}" : "]");
        }
        if (body.charAt(0) == '{' && body.indexOf(",\"extra\":") > 0) {
            body.append('}');
        }
        return new Case(index, "deep-nesting", maybeGzip(r, utf8(body.toString()), "application/json"));
    }

    private Case invalidUtf8(int index, Random r) {
        String body = body(r);
        return new Case(index, "invalid-utf8", maybeGzip(r, insertInString(body, BAD_UTF8[r.nextInt(BAD_UTF8.length)], r),
                contentType(body)));
    }

    private Case nulBytes(int index, Random r) {
        String body = body(r);
        byte[] nul = r.nextBoolean() ? new byte[] {0} : new byte[] {0, 0, 0, 0};
        byte[] bytes = r.nextBoolean() ? insertInString(body, nul, r) : insertAt(utf8(body), nul, r.nextInt(body.length()));
        return new Case(index, "nul-bytes", maybeGzip(r, bytes, contentType(body)));
    }

    private Case duplicateKeys(int index, Random r) {
        String record = record(r);
        List<String> names = TOP_LEVEL.stream().filter(n -> record.contains("\"" + n + "\"")).toList();
        String name = names.get(r.nextInt(names.size()));
        String dup = "\"" + name + "\":" + ODD_VALUES[r.nextInt(ODD_VALUES.length)];
        String body = r.nextBoolean() ? "{" + dup + "," + record.substring(1) : record.substring(0, record.length() - 1) + "," + dup + "}";
        return new Case(index, "duplicate-keys", maybeGzip(r, utf8(body), "application/json"));
    }

    private Case numbers(int index, Random r) {
        String record = record(r);
        String[] numeric = {"max_attempts", "attempt", "total", "correct", "incorrect", "submitted", "unanswered",
                "incomplete", "all_correct", "submitted", "keen_timestamp", "user_correct", "checked"};
        String name = numeric[r.nextInt(numeric.length)];
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*").matcher(record);
        String odd = new String[] {"1e400", "-1e400", "1e-400", "99999999999999999999999999", "-9223372036854775809",
                "\"1e400\"", "\"NaN\"", "\"-Infinity\"", "NaN", "1.7976931348623157E309", "\"0x1F\"", "-0.0"}[r.nextInt(12)];
        if (!m.find()) {
            return new Case(index, "numbers", post(utf8(record.substring(0, record.length() - 1) + ",\"" + name + "\":" + odd + "}"), "application/json"));
        }
        int end = valueEnd(record, m.end());
        return new Case(index, "numbers", post(utf8(record.substring(0, m.end()) + odd + record.substring(end)), "application/json"));
    }

    private Case hugeArray(int index, Random r) {
        int n = 20_000 + r.nextInt(100_000);
        String item = new String[] {"{}", "1", "null", "[]", "{\"exam_name\":\"x\"}"}[r.nextInt(5)];
        StringBuilder body = new StringBuilder(n * (item.length() + 1) + 2);
        boolean ndjson = r.nextInt(3) == 0;
        if (!ndjson) {
            body.append('[');
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                body.append(ndjson ? "\n" : ",");
            }
            body.append(item);
        }
        if (!ndjson) {
            body.append(']');
        }
        return new Case(index, "huge-array", maybeGzip(r, utf8(body.toString()), ndjson ? "application/x-ndjson" : "application/json"));
    }

    private Case headers(int index, Random r) {
        byte[] body = utf8(record(r));
        List<String[]> headers = new ArrayList<>(List.of(new String[] {"X-API-Key", apiKey}, new String[] {"Content-Type", "application/json"}));
        switch (r.nextInt(12)) {
            case 0 -> headers.remove(0);
            case 1 -> headers.set(0, new String[] {"X-API-Key", apiKey + "x"});
            case 2 -> headers.set(0, new String[] {"X-API-Key", ""});
            case 3 -> headers.set(0, new String[] {"X-API-Key", "' OR 1=1 --"});
            case 4 -> headers.remove(1);
            case 5 -> headers.set(1, new String[] {"Content-Type", new String[] {"text/plain", "application/xml",
                    "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1", "*/*", "application/x-www-form-urlencoded",
                    "application/json; charset=nonsense", "garbage"}[r.nextInt(8)]});
            case 6 -> headers.add(new String[] {"Content-Encoding", new String[] {"br", "deflate", "compress", "gzip, gzip",
                    "identity, br", "x-unknown"}[r.nextInt(6)]});
            case 7 -> headers.add(new String[] {"Content-Encoding", "gzip"}); // but the body is not gzip
            case 8 -> headers.add(new String[] {"Idempotency-Key", new String[] {"", " ", "a".repeat(5000), "\"unterminated",
                    "key with spaces", "k\u00e9y", "\"\""}[r.nextInt(7)]});
            case 9 -> headers.add(new String[] {"Accept", new String[] {"application/xml", "text/html", "image/png"}[r.nextInt(3)]});
            case 10 -> headers.add(0, new String[] {"X-API-Key", "another-key-0000000000000000"}); // two keys
            default -> headers.add(new String[] {"X-Tenant", "acme"}); // a tenant cannot be claimed, only keyed
        }
        return new Case(index, "headers", new RawHttp.Request("POST", PATH, List.copyOf(headers), body, body.length));
    }

    private Case cutMidway(int index, Random r) {
        String body = body(r);
        RawHttp.Request request = maybeGzip(r, utf8(body), contentType(body));
        return new Case(index, "cut-midway", request.cutAt(r.nextInt(Math.max(1, request.body().length))));
    }

    private Case brokenGzip(int index, Random r) {
        byte[] gz = Http.gzip(utf8(body(r)));
        byte[] broken = r.nextBoolean() ? Arrays.copyOf(gz, r.nextInt(gz.length)) : flip(gz, r);
        return new Case(index, "broken-gzip", post(broken, "application/json", "Content-Encoding", "gzip"));
    }

    private Case degenerate(int index, Random r) {
        String[] bodies = {"", " ", "\n\n", "null", "[]", "{}", "\"text\"", "42", "[1,2]", "[[]]", "[{}]", "\uFEFF" + records.get(0),
                "{}\n{}", "[" + records.get(0) + "]]", records.get(0) + records.get(0), "\n" + records.get(0) + "\n\n"};
        String body = bodies[r.nextInt(bodies.length)];
        return new Case(index, "degenerate", post(utf8(body), r.nextBoolean() ? "application/json" : "application/x-ndjson"));
    }

    private Case wrongRoute(int index, Random r) {
        byte[] body = utf8(record(r));
        String[] paths = {PATH + "/", PATH + "/x", "/api/v1/assessment", "/api/v2/assessments", PATH + "?tenant=acme",
                PATH + "%00", "/api/v1/../v1/assessments", PATH + ";jsessionid=x"};
        String method = new String[] {"POST", "PUT", "PATCH", "DELETE", "GET"}[r.nextInt(5)];
        String path = method.equals("POST") ? paths[r.nextInt(paths.length)] : PATH;
        return new Case(index, "wrong-route", new RawHttp.Request(method, path,
                List.of(new String[] {"X-API-Key", apiKey}, new String[] {"Content-Type", "application/json"}), body, body.length));
    }

    // --- building blocks

    private String record(Random r) {
        return records.get(r.nextInt(records.size()));
    }

    /** A record, an array of records or NDJSON lines. */
    private String body(Random r) {
        int n = 1 + r.nextInt(4);
        List<String> some = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            some.add(record(r));
        }
        return switch (r.nextInt(3)) {
            case 0 -> some.get(0);
            case 1 -> "[" + String.join(",", some) + "]";
            default -> String.join("\n", some) + "\n";
        };
    }

    private static String contentType(String body) {
        return body.startsWith("{") && body.indexOf("}\n{") > 0 ? "application/x-ndjson" : "application/json";
    }

    private static String jsonOrNdjson(Random r) {
        return r.nextBoolean() ? "application/json" : "application/x-ndjson";
    }

    private RawHttp.Request post(byte[] body, String contentType, String... more) {
        List<String> headers = new ArrayList<>(List.of("X-API-Key", apiKey, "Content-Type", contentType));
        headers.addAll(List.of(more));
        return RawHttp.Request.post(PATH, body, headers.toArray(String[]::new));
    }

    private RawHttp.Request maybeGzip(Random r, byte[] body, String contentType) {
        return r.nextInt(4) == 0 ? post(Http.gzip(body), contentType, "Content-Encoding", "gzip") : post(body, contentType);
    }

    /** [start, end) of the value of a random field of {@code json}. */
    private static int[] randomValue(String json, Random r) {
        Matcher m = FIELD.matcher(json);
        List<Integer> starts = new ArrayList<>();
        while (m.find()) {
            starts.add(m.end());
        }
        int start = starts.get(r.nextInt(starts.size()));
        return new int[] {start, valueEnd(json, start)};
    }

    /** End of the JSON value starting at {@code i}: brackets matched, strings skipped. */
    static int valueEnd(String json, int i) {
        char c = json.charAt(i);
        if (c == '"') {
            int j = i + 1;
            while (json.charAt(j) != '"') {
                j += json.charAt(j) == '\\' ? 2 : 1;
            }
            return j + 1;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            for (int j = i; j < json.length(); j++) {
                char d = json.charAt(j);
                if (d == '"') {
                    j = valueEnd(json, j) - 1;
                } else if (d == '{' || d == '[') {
                    depth++;
                } else if ((d == '}' || d == ']') && --depth == 0) {
                    return j + 1;
                }
            }
            return json.length();
        }
        int j = i;
        while (j < json.length() && ",}] \n".indexOf(json.charAt(j)) < 0) {
            j++;
        }
        return j;
    }

    private static byte[] insertInString(String body, byte[] bad, Random r) {
        byte[] bytes = utf8(body);
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '"') {
                quotes.add(i);
            }
        }
        int at = quotes.isEmpty() ? r.nextInt(bytes.length) : quotes.get(r.nextInt(quotes.size())) + 1;
        return insertAt(bytes, bad, at);
    }

    private static byte[] insertAt(byte[] bytes, byte[] insert, int at) {
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    private static byte[] flip(byte[] data, Random r) {
        byte[] out = data.clone();
        for (int i = 0; i < 1 + r.nextInt(5); i++) {
            int at = r.nextInt(out.length);
            out[at] = (byte) (out[at] ^ (1 << r.nextInt(8)));
        }
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bomb(String head, char fill, int fillBytes, String tail) {
        return bomb(head, fill, fillBytes, tail, null, 0);
    }

    /** gzip of head, then fillBytes of fill (or repeat copies of fill+repeat up to repeatBytes), then tail. */
    private static byte[] bomb(String head, char fill, int fillBytes, String tail, String repeat, int repeatBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out, 1 << 16)) {
            gz.write(utf8(head));
            byte[] chunk = new byte[1 << 16];
            Arrays.fill(chunk, (byte) fill);
            for (int written = 0; written < fillBytes; written += chunk.length) {
                gz.write(chunk);
            }
            if (repeat != null) {
                byte[] unit = utf8(fill + repeat);
                for (int written = 0; written < repeatBytes; written += unit.length) {
                    gz.write(unit);
                }
            }
            gz.write(utf8(tail));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
