package io.attemptlake.ingest.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attemptlake.model.tenant.ApiKeyHashes;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ApiKeysTest {

    @Test
    void resolvesConfiguredKeysToTheirTenants() {
        ApiKeys keys = new ApiKeys(new TenantProperties(List.of(
                new TenantProperties.Entry("pearson", ApiKeyHashes.sha256Hex("k1")),
                new TenantProperties.Entry("acme", ApiKeyHashes.sha256Hex("k2")))));

        assertThat(keys.authenticate("k1")).contains(new Tenant("pearson"));
        assertThat(keys.authenticate("k2")).contains(new Tenant("acme"));
        assertThat(keys.authenticate("k3")).isEmpty();
    }

    @Test
    void refusesConfigurationThatIsNotSafe() {
        assertThatThrownBy(() -> new TenantProperties(List.of(new TenantProperties.Entry("../etc", ApiKeyHashes.sha256Hex("k")))))
                .hasMessageContaining("tenant id");
        assertThatThrownBy(() -> new ApiKeys(new TenantProperties(List.of(new TenantProperties.Entry("ok", "plain-key")))))
                .hasMessageContaining("64 hex");
    }
}
