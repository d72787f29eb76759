package io.attemptlake.ingest;

import io.attemptlake.testsupport.PackageRules;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class PackageStructureTest {

    @Test
    void featurePackagesHaveNoCycles() {
        PackageRules.assertFreeOfCycles("io.attemptlake.ingest");
    }

    @Test
    void theApplicationsPackageMapNamesEveryPackage() {
        PackageRules.assertMapNamesEveryPackage(IngestApplication.class);
    }
}
