package io.attemptlake.datagen;

import java.io.StringWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Realistic synthetic attempts in exactly the lab's shape and quirks, reproducible from a seed.
 *
 * <p>Each element is one record as compact JSON, fields in the lab file's order: top-level numbers
 * and booleans as strings, ragged options, about 1.2% exact re-sends of an earlier record, and a
 * few records without {@code counts}, {@code keen_id} or a question's {@code user_result}. Memory is
 * bounded (a window of recent records feeds the duplicates), so a million records stream fine.
 */
public final class AttemptGenerator implements Iterator<String> {

    /** How often the quirks occur; the defaults follow what is known of the lab file. */
    public record Profile(double duplicateRate, double missingCountsRate, double missingKeenIdRate,
                          double missingUserResultRate, int maxQuestions) {

        public static final Profile LAB = new Profile(0.012, 0.005, 0.005, 0.01, 10);
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final Instant FIRST_START = Instant.parse("2017-11-20T00:00:00Z");
    private static final long SPAN_SECONDS = ChronoUnit.SECONDS.between(FIRST_START, Instant.parse("2018-01-28T00:00:00Z"));
    private static final int RECENT_WINDOW = 2048;
    private static final String[] RESULTS = {"correct", "incorrect", "missed_some"};

    private final SplittableRandom random;
    private final ExamCatalog exams;
    private final Profile profile;
    private final long count;
    private final List<String> recent = new ArrayList<>(RECENT_WINDOW);
    private long produced;

    public AttemptGenerator(long seed, long count) {
        this(seed, count, Profile.LAB);
    }

    public AttemptGenerator(long seed, long count, Profile profile) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0");
        }
        this.random = new SplittableRandom(seed);
        this.exams = new ExamCatalog(random.split());
        this.profile = profile;
        this.count = count;
    }

    /** {@code count} records generated from {@code seed}, lazily. */
    public static Stream<String> records(long seed, long count) {
        return StreamSupport.stream(Spliterators.spliterator(new AttemptGenerator(seed, count), count,
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        return produced < count;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        produced++;
        if (!recent.isEmpty() && random.nextDouble() < profile.duplicateRate()) {
            return recent.get(random.nextInt(recent.size())); // the same attempt sent twice, byte for byte
        }
        String record = attempt();
        if (recent.size() < RECENT_WINDOW) {
            recent.add(record);
        } else {
            recent.set(random.nextInt(RECENT_WINDOW), record);
        }
        return record;
    }

    private String attempt() {
        ExamCatalog.Exam exam = exams.pick(random);
        Instant started = FIRST_START.plusSeconds(random.nextLong(SPAN_SECONDS)).plusMillis(random.nextInt(1000));
        List<QuestionState> questions = questions(started);
        Instant lastTouch = questions.stream().map(q -> q.lastAt).max(Instant::compareTo).orElse(started);
        Instant received = lastTouch.plusMillis(500 + random.nextInt(20_000)).plusNanos(random.nextInt(1000) * 1000L);
        String keenTimestamp = epochSeconds(received);

        StringWriter out = new StringWriter(3000);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("keen_timestamp", keenTimestamp);
            g.writeStringProperty("max_attempts", "1.0");
            g.writeStringProperty("started_at", started.toString());
            g.writeStringProperty("base_exam_id", exam.baseExamId());
            g.writeStringProperty("user_exam_id", Ids.uuid(random));
            g.writeName("sequences");
            g.writeStartObject();
            g.writeName("questions");
            g.writeStartArray();
            for (QuestionState q : questions) {
                q.write(g);
            }
            g.writeEndArray();
            g.writeNumberProperty("attempt", random.nextDouble() < 0.95 ? 1 : 2);
            g.writeStringProperty("id", Ids.uuid(random));
            if (random.nextDouble() >= profile.missingCountsRate()) {
                writeCounts(g, questions);
            }
            g.writeEndObject();
            g.writeStringProperty("keen_created_at", keenTimestamp);
            g.writeStringProperty("certification", random.nextDouble() < 0.05 ? "true" : "false");
            if (random.nextDouble() >= profile.missingKeenIdRate()) {
                g.writeStringProperty("keen_id", Ids.keenId(random));
            }
            g.writeStringProperty("exam_name", exam.name());
            g.writeEndObject();
        }
        return out.toString();
    }

    private List<QuestionState> questions(Instant started) {
        // Mostly four questions as in the lab; 1..maxQuestions overall.
        int n = random.nextDouble() < 0.6 ? 4 : 1 + random.nextInt(profile.maxQuestions());
        List<QuestionState> questions = new ArrayList<>(n);
        Instant clock = started;
        for (int i = 0; i < n; i++) {
            QuestionState q = new QuestionState(clock);
            questions.add(q);
            clock = q.lastAt;
        }
        return questions;
    }

    private static void writeCounts(JsonGenerator g, List<QuestionState> questions) {
        int total = questions.size();
        int correct = (int) questions.stream().filter(q -> q.correct).count();
        int incorrect = (int) questions.stream().filter(q -> "incorrect".equals(q.result)).count();
        int incomplete = (int) questions.stream().filter(q -> q.incomplete).count();
        int submitted = (int) questions.stream().filter(q -> q.submitted).count();
        g.writeName("counts");
        g.writeStartObject();
        g.writeNumberProperty("incomplete", incomplete);
        g.writeNumberProperty("submitted", submitted);
        g.writeNumberProperty("incorrect", incorrect);
        g.writeBooleanProperty("all_correct", correct == total);
        g.writeNumberProperty("correct", correct);
        g.writeNumberProperty("total", total);
        g.writeNumberProperty("unanswered", total - submitted);
        g.writeEndObject();
    }

    private static String epochSeconds(Instant t) {
        return t.getEpochSecond() + "." + String.format("%06d", t.getNano() / 1000);
    }

    /** One question's options and the user's outcome, kept consistent with each other. */
    private final class QuestionState {
        final String id = Ids.uuid(random);
        final String[] optionIds;
        final boolean[] isCorrect;
        final boolean[] checked;
        final Instant[] at;
        final boolean submitted;
        final boolean correct;
        final boolean incomplete;
        final String result;
        final boolean writeResult;
        Instant lastAt;

        QuestionState(Instant clock) {
            int options = 2 + random.nextInt(5);
            optionIds = new String[options];
            isCorrect = new boolean[options];
            checked = new boolean[options];
            at = new Instant[options];
            int correctOptions = 1 + (options > 3 && random.nextBoolean() ? 1 : 0);
            for (int k = 0; k < correctOptions; k++) {
                isCorrect[random.nextInt(options)] = true;
            }
            submitted = random.nextDouble() < 0.97;
            int checkedCorrect = 0;
            int checkedWrong = 0;
            int allCorrect = 0;
            lastAt = clock;
            for (int o = 0; o < options; o++) {
                optionIds[o] = Ids.uuid(random);
                allCorrect += isCorrect[o] ? 1 : 0;
                boolean touched = submitted && random.nextDouble() < (isCorrect[o] ? 0.8 : 0.25);
                if (touched) {
                    lastAt = lastAt.plusMillis(300 + random.nextInt(15_000));
                    at[o] = lastAt;
                    checked[o] = random.nextDouble() < 0.93; // a few options are touched then unchecked
                }
                checkedCorrect += checked[o] && isCorrect[o] ? 1 : 0;
                checkedWrong += checked[o] && !isCorrect[o] ? 1 : 0;
            }
            correct = submitted && checkedWrong == 0 && checkedCorrect == allCorrect;
            incomplete = submitted && checkedWrong == 0 && checkedCorrect < allCorrect;
            result = !submitted ? "missed" : correct ? RESULTS[0] : checkedWrong > 0 ? RESULTS[1] : RESULTS[2];
            writeResult = random.nextDouble() >= profile.missingUserResultRate();
        }

        void write(JsonGenerator g) {
            g.writeStartObject();
            g.writeBooleanProperty("user_incomplete", incomplete);
            g.writeBooleanProperty("user_correct", correct);
            g.writeName("options");
            g.writeStartArray();
            for (int o = 0; o < optionIds.length; o++) {
                g.writeStartObject();
                g.writeBooleanProperty("checked", checked[o]);
                if (at[o] != null) {
                    g.writeStringProperty("at", at[o].toString());
                }
                g.writeStringProperty("id", optionIds[o]);
                if (checked[o]) {
                    g.writeNumberProperty("submitted", 1);
                }
                if (isCorrect[o]) {
                    g.writeBooleanProperty("correct", true);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeBooleanProperty("user_submitted", submitted);
            g.writeStringProperty("id", id);
            if (writeResult) {
                g.writeStringProperty("user_result", result);
            }
            g.writeEndObject();
        }
    }
}
