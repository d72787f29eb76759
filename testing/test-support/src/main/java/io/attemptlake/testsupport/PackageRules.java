package io.attemptlake.testsupport;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

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
}
