package io.attemptlake.etl;

import io.attemptlake.testsupport.PackageRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PackageStructureTest {

    @Test
    void featurePackagesHaveNoCycles() {
        PackageRules.assertFreeOfCycles("io.attemptlake.etl");
    }

    @Test
    void theApplicationsPackageMapNamesEveryPackage() {
        PackageRules.assertMapNamesEveryPackage(EtlApplication.class);
    }
}
