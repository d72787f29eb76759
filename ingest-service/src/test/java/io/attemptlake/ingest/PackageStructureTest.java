package io.attemptlake.ingest;

import io.attemptlake.testsupport.PackageRules;
import org.junit.jupiter.api.Test;

class PackageStructureTest {

    @Test
    void featurePackagesHaveNoCycles() {
        PackageRules.assertFreeOfCycles("io.attemptlake.ingest");
    }
}
