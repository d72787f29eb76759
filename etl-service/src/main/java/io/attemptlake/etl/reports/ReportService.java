package io.attemptlake.etl.reports;

import io.attemptlake.web.apikey.Caller;
import io.attemptlake.etl.lake.LakeLock;
import io.attemptlake.etl.query.TenantViews;
import io.attemptlake.etl.run.Run;
import io.attemptlake.etl.run.RunScheduler;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.springframework.stereotype.Service;

/** The answers a data scientist asks for first, as SQL over the same views the query API gives. */
@Service
public class ReportService {

    /** Per course: received (re-sends included), distinct attempts, distinct users, mean score. */
    public static final String COURSES_SQL = """
            WITH received AS (
              SELECT tenant, attempt_key, count(*) AS copies
              FROM raw_assessments WHERE outcome <> 'quarantined'
              GROUP BY tenant, attempt_key)
            SELECT a.exam_name AS course, a.base_exam_id,
                   sum(r.copies) AS attempts, count(*) AS distinct_attempts,
                   count(DISTINCT a.user_exam_id) AS distinct_users, avg(a.score) AS mean_score
            FROM attempts a JOIN received r ON a.tenant = r.tenant AND a.attempt_key = r.attempt_key
            GROUP BY a.exam_name, a.base_exam_id
            ORDER BY attempts DESC, course""";

    /** Totals and the date span. */
    public static final String SUMMARY_SQL = """
            SELECT (SELECT count(*) FROM raw_assessments) AS received,
                   (SELECT count(*) FROM attempts) AS distinct_attempts,
                   (SELECT count(*) FROM raw_assessments WHERE outcome = 'duplicate') AS duplicates,
                   (SELECT count(*) FROM raw_assessments WHERE outcome = 'quarantined') AS quarantined,
                   (SELECT count(DISTINCT exam_name) FROM attempts) AS courses,
                   (SELECT min(started_at) FROM attempts) AS first_started_at,
                   (SELECT max(started_at) FROM attempts) AS last_started_at""";

    private final TenantViews views;
    private final RunScheduler runs;

    private final LakeLock lake;

    public ReportService(TenantViews views, RunScheduler runs, LakeLock lake) {
        this.lake = lake;
        this.views = views;
        this.runs = runs;
    }

    public CoursesReport courses(Caller caller) {
        List<CoursesReport.Course> courses = lake.reading(() -> views.sessionFor(caller).sql(COURSES_SQL).collectAsList()).stream()
                .map(r -> new CoursesReport.Course(r.getString(0), r.getString(1), r.getLong(2), r.getLong(3),
                        r.getLong(4), r.isNullAt(5) ? null : r.getDouble(5)))
                .toList();
        if (courses.isEmpty()) {
            return new CoursesReport(courses, List.of(), List.of());
        }
        long most = courses.get(0).attempts();
        long least = courses.get(courses.size() - 1).attempts();
        return new CoursesReport(courses,
                courses.stream().filter(c -> c.attempts() == most).map(CoursesReport.Course::course).toList(),
                courses.stream().filter(c -> c.attempts() == least).map(CoursesReport.Course::course).toList());
    }

    public Summary summary(Caller caller) {
        Row r = lake.reading(() -> views.sessionFor(caller).sql(SUMMARY_SQL).first());
        Summary.LastRun lastRun = runs.list().stream()
                .filter(run -> run.status() == Run.RunStatus.SUCCEEDED)
                .findFirst()
                .map(run -> new Summary.LastRun(run.id(), run.finishedAt().toString()))
                .orElse(null);
        return new Summary(r.getLong(0), r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4),
                r.isNullAt(5) ? null : r.get(5).toString(), r.isNullAt(6) ? null : r.get(6).toString(), lastRun);
    }
}
