package io.attemptlake.etl.landing;

import io.attemptlake.model.AssessmentAttempt;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The learners erased from the lake, per tenant, as fingerprints of their identifiers (never the
 * identifiers): a run drops every message of theirs still in the topic, usable or not, so an
 * erasure holds for records sent before it and landed after it.
 *
 * <p>A learner is named by {@code user_exam_id} (the record's only learner identifier) or by an
 * attempt's {@code keen_id}. A tenant with no erasure costs a map lookup per message.
 */
public record Erased(Map<String, Set<String>> byTenant) implements Serializable {

    public static final Erased NONE = new Erased(Map.of());
    public static final String USER_EXAM_ID = "user_exam_id";
    public static final String KEEN_ID = "keen_id";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    public Erased {
        byTenant = Map.copyOf(byTenant);
    }

    /** The fingerprint a learner's identifier is kept as: SHA-256 of the field's name and its value. */
    public static String fingerprint(String field, String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest((field + ":" + id).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether the message belongs to an erased learner of {@code tenant}: by the attempt the reader
     * bound, or, for a message it refused, by the identifiers at the top of its JSON as far as it reads.
     */
    boolean holds(String tenant, AssessmentAttempt attempt, byte[] value, int offset, int length) {
        Set<String> erased = tenant == null ? null : byTenant.get(tenant);
        if (erased == null) {
            return false;
        }
        if (attempt != null) {
            return named(erased, USER_EXAM_ID, attempt.userExamId()) || named(erased, KEEN_ID, attempt.keenId());
        }
        try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), value, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.VALUE_STRING && (field.equals(USER_EXAM_ID) || field.equals(KEEN_ID))
                        && named(erased, field, p.getString())) {
                    return true;
                }
                p.skipChildren();
            }
        } catch (RuntimeException e) {
            return false; // read as far as the JSON goes: what is not there names nobody
        }
        return false;
    }

    /** Whether the JSON {@code value} of a {@code tenant}'s message names one of its erased learners at its top. */
    public boolean namedIn(String tenant, String value) {
        if (value == null) {
            return false;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return holds(tenant, null, bytes, 0, bytes.length);
    }

    private static boolean named(Set<String> erased, String field, String id) {
        return id != null && erased.contains(fingerprint(field, id));
    }
}
