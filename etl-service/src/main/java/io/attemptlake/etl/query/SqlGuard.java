package io.attemptlake.etl.query;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Only queries get through: the SQL is parsed (not run) and every node of the plan must be a
 * query operator from an allowlist, every table one of the views (or a CTE of the query itself),
 * and no function may reach outside the views (reflection, file names). Isolation does not rest on
 * this: the session has no data but the caller's views. This keeps the rest of Spark out of reach.
 */
@Component
public class SqlGuard {

    /** Parsed query operators (Spark 4.2 names). Anything else (DDL, DML, SET, commands) is refused. */
    private static final Set<String> QUERY_NODES = Set.of(
            "Project", "Filter", "Aggregate", "Join", "LateralJoin", "Sort", "GlobalLimit", "LocalLimit", "Offset",
            "Tail", "Distinct", "Deduplicate", "Union", "Intersect", "Except", "SubqueryAlias", "UnresolvedWith",
            "Window", "WithWindowDefinition", "Generate", "OneRowRelation", "LocalRelation", "UnresolvedInlineTable",
            "Sample", "Pivot", "Unpivot", "RepartitionByExpression", "Repartition", "UnresolvedHint",
            "UnresolvedHaving", "UnresolvedQualify", "UnresolvedSubqueryColumnAliases", "UnresolvedRelation");

    /** Functions that read outside the views or run arbitrary code. */
    private static final Set<String> DENIED_FUNCTIONS = Set.of(
            "reflect", "java_method", "try_reflect", "input_file_name", "input_file_block_start",
            "input_file_block_length", "read_files");

    /** Why a statement is refused: it is no SQL at all, or not a query over the views. */
    public static class Refused extends RuntimeException {
        private final boolean syntax;

        public Refused(String message) {
            this(message, false);
        }

        Refused(String message, boolean syntax) {
            super(message);
            this.syntax = syntax;
        }

        public boolean syntax() {
            return syntax;
        }
    }

    private final ParserInterface parser;

    @Autowired
    public SqlGuard(SparkSession spark) {
        this(((org.apache.spark.sql.classic.SparkSession) spark).sessionState().sqlParser());
    }

    /** With the parser alone: judging a statement needs no session, no data, no executors. */
    public SqlGuard(ParserInterface parser) {
        this.parser = parser;
    }

    /**
     * @return the views the query names (so that only those need building)
     * @throws Refused when it is no SQL, or not a query over the views alone
     */
    public Set<String> check(String sql, Set<String> views) {
        LogicalPlan plan;
        try {
            plan = parser.parsePlan(sql);
        } catch (ParseException e) {
            throw new Refused(e.getMessage(), true);
        }
        Set<String> ctes = new HashSet<>();
        collectCtes(plan, ctes);
        Set<String> named = new HashSet<>();
        checkPlan(plan, views, ctes, named);
        return named;
    }

    private static void collectCtes(LogicalPlan plan, Set<String> ctes) {
        if (plan instanceof UnresolvedWith with) {
            CollectionConverters.asJava(with.cteRelations()).forEach(cte -> ctes.add(cte._1().toLowerCase(Locale.ROOT)));
        }
        children(plan).forEach(child -> collectCtes(child, ctes));
        expressions(plan).forEach(e -> subqueries(e).forEach(sub -> collectCtes(sub, ctes)));
        if (plan instanceof UnresolvedWith with) {
            CollectionConverters.asJava(with.cteRelations()).forEach(cte -> collectCtes(cte._2(), ctes));
        }
    }

    private static void checkPlan(LogicalPlan plan, Set<String> views, Set<String> ctes, Set<String> named) {
        String node = plan.getClass().getSimpleName();
        if (!QUERY_NODES.contains(node)) {
            throw new Refused("Only queries (SELECT ...) over the views are allowed; this statement contains "
                    + describe(node) + ".");
        }
        if (plan instanceof org.apache.spark.sql.catalyst.plans.logical.Join join
                && join.joinType() instanceof org.apache.spark.sql.catalyst.plans.Cross$) {
            // A cartesian product can run for hours, and Spark cannot always stop one once cancelled.
            throw new Refused("CROSS JOIN (a cartesian product) is not allowed; join on a condition.");
        }
        if (plan instanceof UnresolvedRelation relation) {
            List<String> name = CollectionConverters.asJava(relation.multipartIdentifier());
            String table = name.get(name.size() - 1).toLowerCase(Locale.ROOT);
            if (name.size() != 1 || !(views.contains(table) || ctes.contains(table))) {
                throw new Refused("Unknown table " + String.join(".", name) + "; the tables are " + new java.util.TreeSet<>(views) + ".");
            }
            if (views.contains(table)) {
                named.add(table); // a CTE of that name may shadow it: building one view too many is harmless
            }
        }
        if (plan instanceof UnresolvedWith with) {
            CollectionConverters.asJava(with.cteRelations()).forEach(cte -> checkPlan(cte._2(), views, ctes, named));
        }
        for (Expression e : expressions(plan)) {
            checkExpression(e, views, ctes, named);
        }
        children(plan).forEach(child -> checkPlan(child, views, ctes, named));
    }

    private static void checkExpression(Expression e, Set<String> views, Set<String> ctes, Set<String> named) {
        String kind = e.getClass().getSimpleName();
        if (kind.contains("Identifier")) {
            throw new Refused("IDENTIFIER(...) and other dynamic names are not allowed.");
        }
        if (e instanceof UnresolvedFunction f) {
            List<String> name = CollectionConverters.asJava(f.nameParts());
            String function = name.get(name.size() - 1).toLowerCase(Locale.ROOT);
            if (name.size() != 1 || DENIED_FUNCTIONS.contains(function)) {
                throw new Refused("The function " + String.join(".", name) + " is not allowed.");
            }
        }
        if (e instanceof SubqueryExpression sub) {
            checkPlan(sub.plan(), views, ctes, named);
        }
        CollectionConverters.asJava(e.children()).forEach(child -> checkExpression(child, views, ctes, named));
    }

    private static List<LogicalPlan> children(LogicalPlan plan) {
        return CollectionConverters.asJava(plan.children());
    }

    private static List<Expression> expressions(LogicalPlan plan) {
        return CollectionConverters.asJava(plan.expressions());
    }

    private static List<LogicalPlan> subqueries(Expression e) {
        List<LogicalPlan> plans = new java.util.ArrayList<>();
        if (e instanceof SubqueryExpression sub) {
            plans.add(sub.plan());
        }
        CollectionConverters.asJava(e.children()).forEach(child -> plans.addAll(subqueries(child)));
        return plans;
    }

    private static String describe(String node) {
        String words = node.replaceAll("([a-z])([A-Z])", "$1 $2").replace("Unresolved ", "");
        return words.toLowerCase(Locale.ROOT);
    }
}
