package io.attemptlake.datagen;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * About a hundred exams with the lab's skew: one course far ahead of the rest (the lab's
 * "Learning Git"), a long tail of courses taken once or twice, and a few non-ASCII names.
 */
final class ExamCatalog {

    record Exam(String name, String baseExamId) {
    }

    private static final String[] NAMED = {
        "Learning Git", "Introduction to Python", "Introduction to Java 8", "Intermediate Python Programming",
        "Learning to Program with R", "Introduction to Machine Learning", "Données massives avec Spark",
        "Software Architecture Fundamentals Understanding the Basics", "Beginning C# Programming",
        "Learning Eclipse", "Learning Apache Maven", "Beginning Programming with JavaScript", "Mastering Git",
        "Introduction to Big Data", "Advanced Machine Learning", "Learning Linux System Administration",
        "JavaScript: The Good Parts Master Class with Douglas Crockford", "Learning SQL", "Practical Java Programming",
        "HTML5 The Basics", "Python Epiphanies", "Introduction to Data Science with R",
        "Normal Forms and All That Jazz Master Class", "Introducción a la programación", "Learning C# Best Practices",
        "Expert Data Wrangling with R", "Design Patterns in Java", "Networking for People Who Hate Networking",
        "日本語で学ぶ機械学習", "Cloud Computing With AWS", "Learning Spring Programming", "Being a Better Introvert",
        "Café-Statistik für Einsteiger – Übungen", "Operating Red Hat Enterprise Linux Servers",
        "Understanding the Grails 3 Domain Model", "Client-Side Data Storage for Web Developers",
        "Working with Algorithms in Python", "Mastering Python - Networking and Security",
        "Разработка на Kotlin", "Arduino Prototyping Techniques", "Great Bash", "Git Fundamentals for Web Developers",
    };

    private static final String[] TOPICS = {
        "Kafka", "Spark", "Hadoop", "Scala", "Go", "Rust", "Docker", "Kubernetes", "TensorFlow", "Pandas",
        "PostgreSQL", "Redis", "React", "Angular", "Node.js", "Swift", "Haskell", "Elixir", "Terraform", "GraphQL",
    };

    private static final String[] LEVELS = {"Fundamentals", "in Practice", "Deep Dive", "for Data Engineers"};

    static final int SIZE = 100;

    private final List<Exam> exams = new ArrayList<>(SIZE);
    private final double[] cumulative = new double[SIZE];

    ExamCatalog(SplittableRandom random) {
        for (int i = 0; i < SIZE; i++) {
            String name = i < NAMED.length ? NAMED[i]
                    : TOPICS[(i - NAMED.length) % TOPICS.length] + " " + LEVELS[(i - NAMED.length) / TOPICS.length % LEVELS.length];
            exams.add(new Exam(name, Ids.timeUuid(random)));
        }
        // The lab's shape: 12% for the leader, then about 5%, 4.8%, ... decaying so that the last
        // courses of a 3280-record file are taken once or twice.
        double[] weights = new double[SIZE];
        weights[0] = 0.12;
        double tail = 0;
        for (int i = 1; i < SIZE; i++) {
            weights[i] = Math.exp(-(i - 1) / 18.0);
            tail += weights[i];
        }
        double sum = 0;
        for (int i = 0; i < SIZE; i++) {
            sum += i == 0 ? weights[0] : weights[i] / tail * 0.88;
            cumulative[i] = sum;
        }
        cumulative[SIZE - 1] = 1.0;
    }

    Exam pick(SplittableRandom random) {
        double u = random.nextDouble();
        int lo = 0;
        int hi = SIZE - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return exams.get(lo);
    }
}
