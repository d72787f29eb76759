package io.attemptlake.testsupport;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rules every module's packages keep: each top-level package under a root is one feature, and
 * the features depend on each other in one direction only, so the tree reads as the pipeline.
 */
public final class PackageRules {

    private PackageRules() {
    }

    /** Fails, naming every cycle, if two features under {@code root} depend on each other, directly or through others. */
    public static void assertFreeOfCycles(String root) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        if (classes.isEmpty()) {
            throw new AssertionError("no production classes found under " + root);
        }
        slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Fails unless the javadoc of {@code application} (the module's map of its packages) names,
     * as {@code {@code name}}, every package directly under its own.
     */
    public static void assertMapNamesEveryPackage(Class<?> application) {
        Path sources = Path.of("src/main/java");
        Path dir = sources.resolve(application.getPackageName().replace('.', '/'));
        try (Stream<Path> children = Files.list(dir)) {
            String map = Files.readString(dir.resolve(application.getSimpleName() + ".java"));
            List<String> unnamed = children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !map.contains("{@code " + name + "}")).sorted().toList();
            if (!unnamed.isEmpty()) {
                throw new AssertionError(application.getSimpleName() + "'s package map omits " + unnamed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
