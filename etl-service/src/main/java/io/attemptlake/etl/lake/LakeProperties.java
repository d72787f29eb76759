package io.attemptlake.etl.lake;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the lake is, and who may read it.
 *
 * @param base   the lake's root; tables, run history and staging live under it
 * @param access HDFS modes and ACLs that keep each tenant's partitions to that tenant
 */
@ConfigurationProperties("etl.lake")
public record LakeProperties(@DefaultValue("hdfs://localhost:8020/lake") String base, @DefaultValue Access access) {

    /**
     * @param enabled     set modes and ACLs on the lake (the NameNode needs dfs.namenode.acls.enabled,
     *                    the default since Hadoop 3.3); off only for file systems without ACLs
     * @param tenantGroup the group whose members read a tenant's partitions; {tenant} is the tenant id
     */
    public record Access(@DefaultValue("true") boolean enabled, @DefaultValue("tenant-{tenant}") String tenantGroup) {
    }
}
