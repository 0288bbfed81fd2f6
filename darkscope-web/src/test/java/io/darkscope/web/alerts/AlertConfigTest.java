package io.darkscope.web.alerts;

import io.darkscope.config.DarkscopeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The alerts' configuration: the documented example reads as documented; every mistake is named with its file and entry. */
class AlertConfigTest {
    @TempDir
    Path dir;

    private AlertConfig config(String yaml) throws Exception {
        Path file = dir.resolve("darkscope.yaml");
        Files.writeString(file, yaml);
        return AlertConfig.load(file);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alerts: {rules: [{rule: telepathy}]}|alerts.rules entry 1: unknown rule 'telepathy' (event, fingerprint, dos, organisation)",
        "alerts: {rules: [{rule: event, kinds: [new, fall]}]}|alerts.rules entry 1: unknown event kind 'fall'",
        "alerts: {rules: [{rule: dos}]}|alerts.rules entry 1: 'min_rate' must be a number",
        "alerts: {rules: [{rule: fingerprint, quiet_days: 0}]}|alerts.rules entry 1: 'quiet_days' must be a whole number, 1 or more",
        "alerts: {rules: [{rule: organisation}]}|alerts.rules entry 1: an organisation rule needs an 'organisations:' section",
        "alerts: {rulez: []}|alerts: unknown key 'rulez'",
        "alerts: {webhooks: [{url: 'ftp://example.org/x'}]}|alerts.webhooks entry 1: url 'ftp://example.org/x' must be http:// or https://",
        "alerts: {webhooks: [{url: 'http://127.0.0.1/x', max_per_minute: -1}]}|alerts.webhooks entry 1: 'max_per_minute' must be a whole number, 1 or more",
        "{alerts: {rules: [{rule: organisation}]}, organisations: [{name: A, prefixes: [45.80.1.0/33]}]}|organisations entry 1 (A): bad prefix '45.80.1.0/33': prefix length 33 out of range",
        "{alerts: {rules: [{rule: organisation}]}, organisations: [{name: A, prefixes: [45.80.1.7/24]}]}|organisations entry 1 (A): bad prefix '45.80.1.7/24': '45.80.1.7/24' has host bits set",
        "{alerts: {rules: [{rule: organisation}]}, organisations: [{name: A, prefixes: ['2001:db8::/32']}]}|organisations entry 1 (A): prefix '2001:db8::/32' is IPv6",
        "{alerts: {rules: [{rule: organisation, organisations: [B]}]}, organisations: [{name: A, prefixes: [45.80.1.0/24]}]}|alerts.rules entry 1: no organisation 'B'"})
    void mistakesInTheConfigurationAreNamed(String yaml, String message) throws Exception {
        assertThatThrownBy(() -> config(yaml)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message)
                .hasMessageStartingWith(dir.resolve("darkscope.yaml").toString());
    }

    @Test
    void theExampleConfigurationReads() throws Exception {
        Path example = Path.of("..", "docs", "darkscope.example.yaml");
        DarkscopeConfig.load(example);
        AlertConfig config = AlertConfig.load(example);
        assertThat(config.rules()).hasSize(4);
        assertThat(config.rules().get(0)).isEqualTo(new AlertRule.NewEvent(Set.of("new", "country-spike")));
        assertThat(config.rules().get(2)).isEqualTo(new AlertRule.DosAbove(100_000));
        assertThat(((AlertRule.OrganisationWatch) config.rules().get(3)).organisations()).extracting(Organisation::name).containsExactly("Example University");
        assertThat(config.webhooks()).containsExactly(new WebhookConfig("ops", URI.create("https://alerts.example.org/darkscope"), 10, 5,
                Duration.ofSeconds(2)));
    }
}
