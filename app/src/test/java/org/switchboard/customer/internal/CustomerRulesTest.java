package org.switchboard.customer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.switchboard.customer.CustomerDetails;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;

class CustomerRulesTest {

    private final CustomerProperties defaults = new CustomerProperties(null);
    private final CustomerRules rules = new CustomerRules(defaults);

    private static CustomerDetails details(String language, String zone, String tier, List<String> tags) {
        return new CustomerDetails("Ada Lovelace", null, null, language, zone, tier, tags, null);
    }

    @Test
    void defaultTiersAreStandardGoldPlatinumWorthZeroTenTwenty() {
        assertThat(defaults.tiers())
                .containsExactly(Map.entry("standard", 0), Map.entry("gold", 10), Map.entry("platinum", 20));
        assertThat(defaults.valueOf("gold")).isEqualTo(10);
        assertThat(defaults.valueOf("retired-tier")).isZero();
        assertThat(defaults.higher("gold", "platinum")).isEqualTo("platinum");
        assertThat(defaults.higher("gold", "standard")).isEqualTo("gold");
    }

    @Test
    void configuredTiersReplaceTheDefaultsAndAlwaysIncludeStandard() {
        var configured = new LinkedHashMap<String, Integer>();
        configured.put("VIP", 50);
        configured.put("silver", 5);
        var properties = new CustomerProperties(configured);
        assertThat(properties.tiers())
                .containsExactly(Map.entry("standard", 0), Map.entry("silver", 5), Map.entry("vip", 50));
        assertThat(properties.knows("gold")).isFalse();
    }

    @Test
    void normalizesLanguageTierAndTags() {
        CustomerDetails valid = rules.normalize(details("FR", "Europe/Paris", "Gold", List.of(" VIP ", "beta", "vip")));
        assertThat(valid.preferredLanguage()).isEqualTo("fr");
        assertThat(valid.timeZone()).isEqualTo("Europe/Paris");
        assertThat(valid.tier()).isEqualTo("gold");
        assertThat(valid.tags()).containsExactly("beta", "vip");
    }

    @Test
    void aMissingTierIsStandard() {
        assertThat(rules.normalize(details(null, null, null, List.of())).tier()).isEqualTo("standard");
    }

    @Test
    void reportsEveryInvalidFieldByName() {
        assertThatThrownBy(() -> rules.normalize(new CustomerDetails(
                        " ", null, null, "french", "Mars/Olympus", "diamond", List.of("ok", " "), null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("name", "preferredLanguage", "timeZone", "tier", "tags[1]"));
    }

    @Test
    void languagesMustBeIso639Part1() {
        assertThatThrownBy(() -> rules.normalize(details("xx", null, null, List.of())))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("preferredLanguage");
        assertThat(rules.normalize(details("zh", null, null, List.of())).preferredLanguage())
                .isEqualTo("zh");
    }

    @Test
    void anEmailDomainNeedsAnOrganizationAndAValidDomain() {
        assertThatThrownBy(() -> rules.normalize(
                        new CustomerDetails("Ada", null, "example.com", null, null, null, List.of(), null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("organization.name"));
        assertThatThrownBy(() -> rules.normalize(
                        new CustomerDetails("Ada", "Acme", "not a domain", null, null, null, List.of(), null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::field)
                                .containsExactly("organization.emailDomain"));
        assertThat(rules.normalize(new CustomerDetails("Ada", "Acme", "Acme.COM", null, null, null, List.of(), null))
                        .organizationEmailDomain())
                .isEqualTo("acme.com");
    }
}
