package io.attemptlake.etl.query;

import io.attemptlake.etl.lake.LakeLock;
import io.attemptlake.etl.lake.TableVersions;
import io.attemptlake.web.apikey.Caller;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import scala.collection.Iterable;
import scala.jdk.javaapi.CollectionConverters;

/** Runs a data scientist's SQL over the caller's views, within the row and time limits. */
@Service
public class QueryService implements DisposableBean {

    /** The query ran into the time limit and was cancelled. */
    public static class TimedOut extends RuntimeException {
        TimedOut(String message) {
            super(message);
        }
    }

    /** A file of the versions read is gone (vacuumed after an erasure or purge). */
    public static class Vacuumed extends RuntimeException {
        Vacuumed(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Spark could not analyse or run the query (unknown column, bad types, ...). */
    public static class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    private final TenantViews views;
    private final SqlGuard guard;
    private final QueryProperties limits;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "query-timer");
        t.setDaemon(true);
        return t;
    });

    private final LakeLock lake;

    public QueryService(TenantViews views, SqlGuard guard, QueryProperties limits, LakeLock lake) {
        this.lake = lake;
        this.views = views;
        this.guard = guard;
        this.limits = limits;
    }

    /**
     * Runs {@code sql} over the caller's views as the lake is now, or at the tables' versions {@code asOf}.
     *
     * @throws SqlGuard.Refused, TimedOut, Failed, Vacuumed
     */
    public QueryResult run(Caller caller, String sql, Optional<TableVersions> asOf) {
        return lake.reading(() -> read(caller, sql, asOf));
    }

    private QueryResult read(Caller caller, String sql, Optional<TableVersions> asOf) {
        // Each view costs a read of its tables' logs: build only those the query names.
        Set<String> names = guard.check(sql, TenantViews.VIEWS.keySet());
        SparkSession session;
        try {
            session = asOf.isPresent() ? views.sessionFor(caller, names, asOf.get()) : views.sessionFor(caller, names);
        } catch (Exception e) { // Spark's AnalysisException is checked in Java's eyes, and undeclared
            if (gone(e)) {
                throw new Vacuumed(e);
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        String group = "query-" + UUID.randomUUID();
        AtomicBoolean cancelled = new AtomicBoolean();
        session.sparkContext().setJobGroup(group, "query", true);
        session.sparkContext().setLocalProperty("spark.scheduler.pool", "queries");
        ScheduledFuture<?> deadline = timer.schedule(() -> {
            cancelled.set(true);
            session.sparkContext().cancelJobGroup(group);
        }, limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            Dataset<Row> result = session.sql(sql);
            List<Row> rows = result.limit(limits.maxRows() + 1).collectAsList();
            boolean truncated = rows.size() > limits.maxRows();
            List<QueryResult.Column> columns = Arrays.stream(result.schema().fields())
                    .map(f -> new QueryResult.Column(f.name(), f.dataType().sql()))
                    .toList();
            List<List<Object>> values = new ArrayList<>();
            for (Row row : truncated ? rows.subList(0, limits.maxRows()) : rows) {
                List<Object> out = new ArrayList<>(row.size());
                for (int i = 0; i < row.size(); i++) {
                    out.add(plain(row.get(i)));
                }
                values.add(out);
            }
            return new QueryResult(columns, values, truncated);
        } catch (Exception e) { // Scala throws AnalysisException (checked in Java's eyes) undeclared
            if (gone(e)) {
                throw new Vacuumed(e);
            }
            if (e instanceof AnalysisException analysis) {
                throw new Failed(analysis.getSimpleMessage());
            }
            if (cancelled.get()) {
                throw new TimedOut("The query ran longer than " + limits.timeout().toSeconds() + " s and was cancelled.");
            }
            if (e.getClass().getName().startsWith("org.apache.spark")) {
                throw new Failed(firstLine(e.getMessage()));
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            deadline.cancel(false);
            session.sparkContext().clearJobGroup();
            session.sparkContext().setLocalProperty("spark.scheduler.pool", null);
        }
    }

    /** A file, or a log version, the query needed was deleted: by a vacuum, or past the log's retention. */
    private static boolean gone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof java.io.FileNotFoundException || message.contains("FILE_NOT_EXIST")
                    || message.contains("PATH_NOT_FOUND") || t.getClass().getName().startsWith("io.delta.kernel.exceptions")) {
                return true;
            }
        }
        return false;
    }

    /** Spark's values as JSON-friendly Java values. */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Instant || value instanceof LocalDate || value instanceof LocalDateTime) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (value instanceof Row struct) {
            Map<String, Object> map = new LinkedHashMap<>();
            StructField[] fields = struct.schema().fields();
            for (int i = 0; i < fields.length; i++) {
                map.put(fields[i].name(), plain(struct.get(i)));
            }
            return map;
        }
        if (value instanceof scala.collection.Map<?, ?> m) {
            Map<String, Object> map = new LinkedHashMap<>();
            CollectionConverters.asJava(m).forEach((k, v) -> map.put(String.valueOf(k), plain(v)));
            return map;
        }
        if (value instanceof Iterable<?> seq) {
            List<Object> list = new ArrayList<>();
            CollectionConverters.asJava(seq).forEach(v -> list.add(plain(v)));
            return list;
        }
        return value.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the query failed";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
