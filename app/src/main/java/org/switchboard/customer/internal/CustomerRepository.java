package org.switchboard.customer.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerDetails;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.CustomerIdentity;
import org.switchboard.customer.CustomerProfile;
import org.switchboard.customer.CustomerSearch;
import org.switchboard.customer.Organization;

/** The customer tables in plain SQL. Callers hold the transaction. */
@Repository
class CustomerRepository {

    private static final String PROFILE_COLUMNS = """
            select c.id, c.name, c.preferred_language, c.time_zone, c.tier, c.tags, c.notes, c.merged_into,
                   c.created_at, c.updated_at, c.version, lower(c.name) as sort_name,
                   o.id as org_id, o.name as org_name, o.email_domain as org_domain
            from customer c left join organization o on o.id = c.organization_id
            """;

    private final JdbcClient jdbc;
    private final CustomerProperties properties;

    CustomerRepository(JdbcClient jdbc, CustomerProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** A customer row's id and, when merged, its survivor. */
    record Row(UUID id, @Nullable UUID mergedInto, long version) {
        UUID effective() {
            return mergedInto != null ? mergedInto : id;
        }
    }

    Optional<Row> row(UUID id) {
        return jdbc.sql("select id, merged_into, version from customer where id = ?")
                .param(id)
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class), rs.getObject("merged_into", UUID.class), rs.getLong("version")))
                .optional();
    }

    /** The rows of these ids (unknown ids are left out). */
    List<Row> rows(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, merged_into, version from customer where id in (:ids)")
                .param("ids", List.copyOf(ids))
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class), rs.getObject("merged_into", UUID.class), rs.getLong("version")))
                .list();
    }

    /** Locks a customer row for the rest of the transaction. */
    Optional<Row> lock(UUID id) {
        return jdbc.sql("select id, merged_into, version from customer where id = ? for update")
                .param(id)
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class), rs.getObject("merged_into", UUID.class), rs.getLong("version")))
                .optional();
    }

    Optional<UUID> ownerOf(ChannelIdentity identity) {
        return jdbc.sql("select customer_id from customer_identity where kind = ? and value = ?")
                .params(identity.kind().wireName(), identity.value())
                .query(UUID.class)
                .optional();
    }

    /** Inserts the identity unless it exists; true when this call inserted it. */
    boolean claimIdentity(UUID identityId, UUID customerId, ChannelIdentity identity, Instant now) {
        return jdbc.sql("""
                        insert into customer_identity (id, customer_id, kind, value, created_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (kind, value) do nothing""")
                        .params(identityId, customerId, identity.kind().wireName(), identity.value(), utc(now))
                        .update()
                == 1;
    }

    int removeIdentity(UUID customerId, UUID identityId) {
        return jdbc.sql("delete from customer_identity where id = ? and customer_id = ?")
                .params(identityId, customerId)
                .update();
    }

    void moveIdentities(UUID from, UUID to) {
        jdbc.sql("update customer_identity set customer_id = ? where customer_id = ?")
                .params(to, from)
                .update();
    }

    void insert(UUID id, CustomerDetails details, @Nullable UUID organizationId, Instant now) {
        jdbc.sql("""
                        insert into customer (id, name, organization_id, preferred_language, time_zone, tier, tags,
                                              notes, created_at, updated_at, version)
                        values (?, ?, ?, ?, ?, ?, cast(? as text[]), ?, ?, ?, 0)""")
                .params(
                        id,
                        details.name(),
                        organizationId,
                        details.preferredLanguage(),
                        details.timeZone(),
                        details.tier(),
                        details.tags().toArray(String[]::new),
                        details.notes(),
                        utc(now),
                        utc(now))
                .update();
    }

    void update(UUID id, CustomerDetails details, @Nullable UUID organizationId, Instant now) {
        jdbc.sql("""
                        update customer set name = ?, organization_id = ?, preferred_language = ?, time_zone = ?,
                               tier = ?, tags = cast(? as text[]), notes = ?, updated_at = ?, version = version + 1
                        where id = ?""")
                .params(
                        details.name(),
                        organizationId,
                        details.preferredLanguage(),
                        details.timeZone(),
                        details.tier(),
                        details.tags().toArray(String[]::new),
                        details.notes(),
                        utc(now),
                        id)
                .update();
    }

    void touch(UUID id, Instant now) {
        jdbc.sql("update customer set updated_at = ?, version = version + 1 where id = ?")
                .params(utc(now), id)
                .update();
    }

    /** Marks {@code merged} (and whatever was merged into it before) as merged into {@code survivor}. */
    void markMerged(UUID merged, UUID survivor, Instant now) {
        jdbc.sql("""
                        update customer set merged_into = ?, updated_at = ?, version = version + 1
                        where id = ? or merged_into = ?""").params(survivor, utc(now), merged, merged).update();
    }

    /** The organization of this name (case-insensitive), created when missing; sets its domain when given. */
    UUID organization(String name, @Nullable String emailDomain, UUID newId, Instant now) {
        jdbc.sql("""
                        insert into organization (id, name, email_domain, created_at) values (?, ?, null, ?)
                        on conflict (lower(name)) do nothing""").params(newId, name, utc(now)).update();
        UUID id = jdbc.sql("select id from organization where lower(name) = lower(?)")
                .param(name)
                .query(UUID.class)
                .single();
        if (emailDomain != null) {
            jdbc.sql("update organization set email_domain = ? where id = ? and email_domain is distinct from ?")
                    .params(emailDomain, id, emailDomain)
                    .update();
        }
        return id;
    }

    boolean domainTakenByOther(String emailDomain, String organizationName) {
        return jdbc.sql("select count(*) from organization where email_domain = ? and lower(name) <> lower(?)")
                        .params(emailDomain, organizationName)
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<UUID> organizationByDomain(String domain) {
        return jdbc.sql("select id from organization where email_domain = ?")
                .param(domain)
                .query(UUID.class)
                .optional();
    }

    Optional<CustomerProfile> profile(UUID id) {
        return profiles(List.of(id)).stream().findFirst();
    }

    /** Profiles of these ids (merged ones included as they are), in no particular order. */
    List<CustomerProfile> profiles(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Base> bases = jdbc.sql(PROFILE_COLUMNS + " where c.id in (:ids)")
                .param("ids", List.copyOf(ids))
                .query((rs, n) -> base(rs))
                .list();
        return withIdentities(bases);
    }

    /** One page (plus one row) of unmerged customers matching the search, ordered by lower(name), id. */
    /** A profile with the key it is sorted by (as the database lower-cases it). */
    record Ranked(String sortName, CustomerProfile profile) {}

    List<Ranked> search(CustomerSearch search, int rows, @Nullable String afterName, @Nullable UUID afterId) {
        StringBuilder sql = new StringBuilder(PROFILE_COLUMNS).append(" where c.merged_into is null");
        Map<String, Object> params = new HashMap<>();
        if (search.text() != null) {
            sql.append(" ").append("""
                     and (lower(c.name) like :prefix or lower(o.name) like :prefix
                          or exists (select 1 from customer_identity i
                                     where i.customer_id = c.id and i.kind = 'email' and i.value like :prefix))""");
            params.put("prefix", likePrefix(search.text()));
        }
        if (search.email() != null) {
            sql.append(" ").append("""
                     and exists (select 1 from customer_identity i
                                 where i.customer_id = c.id and i.kind = 'email' and i.value = :email)""");
            params.put("email", search.email());
        }
        if (search.tier() != null) {
            sql.append(" and c.tier = :tier");
            params.put("tier", search.tier());
        }
        if (search.tag() != null) {
            sql.append(" and c.tags @> array[cast(:tag as text)]");
            params.put("tag", search.tag());
        }
        if (afterName != null && afterId != null) {
            sql.append(" and (lower(c.name), c.id) > (:afterName, :afterId)");
            params.put("afterName", afterName);
            params.put("afterId", afterId);
        }
        sql.append(" order by lower(c.name), c.id limit :rows");
        params.put("rows", rows);
        List<Base> bases = jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> base(rs))
                .list();
        List<CustomerProfile> profiles = withIdentities(bases);
        List<Ranked> ranked = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) {
            ranked.add(new Ranked(bases.get(i).sortName(), profiles.get(i)));
        }
        return ranked;
    }

    static String likePrefix(String text) {
        String escaped = text.toLowerCase(java.util.Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return escaped + "%";
    }

    private record Base(
            UUID id,
            String name,
            @Nullable Organization organization,
            @Nullable String language,
            @Nullable String timeZone,
            String tier,
            List<String> tags,
            @Nullable String notes,
            Instant createdAt,
            Instant updatedAt,
            long version,
            String sortName) {}

    private Base base(ResultSet rs) throws SQLException {
        UUID orgId = rs.getObject("org_id", UUID.class);
        String[] tags = (String[]) rs.getArray("tags").getArray();
        return new Base(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                orgId == null ? null : new Organization(orgId, rs.getString("org_name"), rs.getString("org_domain")),
                rs.getString("preferred_language"),
                rs.getString("time_zone"),
                rs.getString("tier"),
                List.copyOf(Arrays.asList(tags)),
                rs.getString("notes"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                rs.getLong("version"),
                rs.getString("sort_name"));
    }

    private List<CustomerProfile> withIdentities(List<Base> bases) {
        if (bases.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<CustomerIdentity>> identities = new LinkedHashMap<>();
        jdbc.sql("""
                        select id, customer_id, kind, value from customer_identity
                        where customer_id in (:ids) order by created_at, id""").param("ids", bases.stream().map(Base::id).toList()).query(rs -> {
            identities
                    .computeIfAbsent(rs.getObject("customer_id", UUID.class), k -> new ArrayList<>())
                    .add(new CustomerIdentity(
                            rs.getObject("id", UUID.class),
                            new ChannelIdentity(
                                    ChannelIdentity.Kind.fromWire(rs.getString("kind")), rs.getString("value"))));
        });
        return bases.stream()
                .map(b -> new CustomerProfile(
                        new CustomerId(b.id()),
                        b.name(),
                        b.organization(),
                        b.language(),
                        b.timeZone(),
                        b.tier(),
                        properties.valueOf(b.tier()),
                        b.tags(),
                        b.notes(),
                        List.copyOf(identities.getOrDefault(b.id(), List.of())),
                        b.createdAt(),
                        b.updatedAt(),
                        b.version()))
                .toList();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
