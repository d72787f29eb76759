package io.attemptlake.model.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ApiKeyHashesTest {

    private final ApiKeyHashes<String> keys = new ApiKeyHashes<String>()
            .add("pearson", ApiKeyHashes.sha256Hex("k1"))
            .add("acme", ApiKeyHashes.sha256Hex("k2").toUpperCase());

    @Test
    void resolvesEachKeyToItsPrincipal() {
        assertThat(keys.match("k1")).contains("pearson");
        assertThat(keys.match("k2")).contains("acme");
    }

    @Test
    void knowsNothingOfOtherKeysOrOfTheHashesThemselves() {
        assertThat(keys.match("k3")).isEmpty();
        assertThat(keys.match("")).isEmpty();
        assertThat(keys.match(null)).isEmpty();
        assertThat(keys.match(ApiKeyHashes.sha256Hex("k1"))).isEmpty();
    }

    @Test
    void refusesAnythingButAHexSha256() {
        assertThatThrownBy(() -> new ApiKeyHashes<String>().add("x", "plain-key")).hasMessageContaining("64 hex");
    }

    @Test
    void tenantIdsAreSafeAsDirectoryNames() {
        assertThat(TenantId.isValid("pearson")).isTrue();
        assertThat(TenantId.isValid("acme-2_eu")).isTrue();
        assertThat(TenantId.isValid("../etc")).isFalse();
        assertThat(TenantId.isValid("Pearson")).isFalse();
        assertThat(TenantId.isValid("")).isFalse();
        assertThat(TenantId.isValid(null)).isFalse();
    }
}
