package io.darkscope.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DarkscopeConfigTest {
    @TempDir
    Path dir;

    @Test
    void theDocumentedExampleParsesAndMeansWhatItsCommentsSay() throws Exception {
        DarkscopeConfig config = DarkscopeConfig.load(Path.of("..", "docs", "darkscope.example.yaml"));
        assertThat(config.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(config.registry().entries()).hasSize(3);
        assertThat(config.registry().ipv4Addresses(LocalDate.of(2005, 6, 1))).isEqualTo(256);
        assertThat(config.registry().ipv4Addresses(LocalDate.of(2016, 6, 1))).isEqualTo(1024);
    }

    @Test
    void mistakesNameTheFileAndTheEntry() throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "darknet:\n  - prefix: 198.51.100.0/24\n  - prefix: 198.51.100.0/24\n    from: 2016-02-30\n");
        assertThatThrownBy(() -> DarkscopeConfig.load(file)).hasMessageContaining("c.yaml").hasMessageContaining("darknet entry 2");
        Files.writeString(file, "darknet: [ {from: 2016-01-01} ]\n");
        assertThatThrownBy(() -> DarkscopeConfig.load(file)).hasMessageContaining("missing 'prefix'");
        Files.writeString(file, "timezone: [\n");
        assertThatThrownBy(() -> DarkscopeConfig.load(file)).hasMessageContaining("not valid YAML");
        Files.writeString(file, "");
        assertThat(DarkscopeConfig.load(file).zone()).isNull();
    }
}
