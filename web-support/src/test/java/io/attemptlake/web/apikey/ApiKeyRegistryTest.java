package io.attemptlake.web.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attemptlake.model.tenant.ApiKeyHashes;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ApiKeyRegistryTest {

    private static String h(String key) {
        return ApiKeyHashes.sha256Hex(key);
    }

    // What an audit record names the key by: never the key, and not enough of its hash to look it up.
    private static String id(String key) {
        return h(key).substring(0, 12);
    }

    @Test
    void resolvesEachKeyToItsTenantAndScopes() {
        ApiKeyRegistry keys = new ApiKeyRegistry(List.of(h("admin")), List.of(
                new TenantKeys("pearson", h("both"), List.of(
                        new TenantKeys.Key(h("lms"), Set.of(Scope.INGEST)),
                        new TenantKeys.Key(h("ds"), Set.of(Scope.READ)))),
                new TenantKeys("acme", h("acme"), List.of())));

        assertThat(keys.match("both")).contains(new Caller("pearson", EnumSet.of(Scope.INGEST, Scope.READ), id("both")));
        assertThat(keys.match("lms")).contains(new Caller("pearson", Set.of(Scope.INGEST), id("lms")));
        assertThat(keys.match("ds")).contains(new Caller("pearson", Set.of(Scope.READ), id("ds")));
        assertThat(keys.match("acme").orElseThrow().tenant()).isEqualTo("acme");
        assertThat(keys.match("admin")).contains(new Caller(null, Caller.ADMIN.scopes(), id("admin")));
        assertThat(keys.match("admin").orElseThrow().isAdmin()).isTrue();
        assertThat(keys.match("nobody")).isEmpty();
        assertThat(keys.match(null)).isEmpty();
    }

    @Test
    void aTenantHoldsSeveralKeysWithTheSameScopesSoThatOneCanBeRotatedOut() {
        TenantKeys.Key old = new TenantKeys.Key(h("old"), Set.of(Scope.INGEST));
        TenantKeys.Key fresh = new TenantKeys.Key(h("new"), Set.of(Scope.INGEST));
        ApiKeyRegistry during = new ApiKeyRegistry(List.of(), List.of(new TenantKeys("pearson", null, List.of(old, fresh))));
        assertThat(during.match("old").orElseThrow()).usingRecursiveComparison().ignoringFields("keyId")
                .isEqualTo(during.match("new").orElseThrow());
        assertThat(during.match("old").orElseThrow().keyId()).as("an audit tells them apart")
                .isNotEqualTo(during.match("new").orElseThrow().keyId());

        ApiKeyRegistry after = new ApiKeyRegistry(List.of(), List.of(new TenantKeys("pearson", null, List.of(fresh))));
        assertThat(after.match("old")).isEmpty();
        assertThat(after.match("new")).isPresent();
    }

    @Test
    void theAdminMayDoAllATenantsKeyOnlyWhatItsScopesSay() {
        assertThat(Caller.ADMIN.may(Scope.READ)).isTrue();
        assertThat(Caller.ADMIN.may(Scope.ADMIN)).isTrue();
        Caller reader = new Caller("pearson", Set.of(Scope.READ));
        assertThat(reader.may(Scope.READ)).isTrue();
        assertThat(reader.may(Scope.INGEST)).isFalse();
        assertThat(reader.may(Scope.ADMIN)).isFalse();
    }

    @Test
    void refusesConfigurationThatIsNotSafe() {
        assertThatThrownBy(() -> new ApiKeyRegistry(List.of(), List.of(new TenantKeys("../etc", h("k"), List.of()))))
                .hasMessageContaining("tenant id");
        assertThatThrownBy(() -> new ApiKeyRegistry(List.of(), List.of(new TenantKeys("ok", "plain-key", List.of()))))
                .hasMessageContaining("64 hex");
        assertThatThrownBy(() -> new ApiKeyRegistry(List.of(), List.of(new TenantKeys("ok", null,
                List.of(new TenantKeys.Key(h("k"), Set.of())))))).hasMessageContaining("needs its scopes");
        assertThatThrownBy(() -> new ApiKeyRegistry(List.of(), List.of(new TenantKeys("ok", null,
                List.of(new TenantKeys.Key(h("k"), Set.of(Scope.ADMIN))))))).hasMessageContaining("needs its scopes");
        assertThatThrownBy(() -> new ApiKeyRegistry(List.of(h("same")), List.of(new TenantKeys("ok", h("same"), List.of()))))
                .as("one key naming two callers").hasMessageContaining("already another's");
    }
}
