package io.attemptlake.etl.reports;

import java.util.List;

/**
 * Per course (exam): attempts received (re-sends included), distinct attempts, distinct users
 * ({@code user_exam_id}: one user's attempt at one exam; the record carries no other user id) and
 * mean score; and the most and least common courses by attempts received (ties listed together).
 */
public record CoursesReport(List<Course> courses, List<String> mostCommon, List<String> leastCommon) {

    public record Course(String course, String baseExamId, long attempts, long distinctAttempts, long distinctUsers,
                         Double meanScore) {
    }
}
