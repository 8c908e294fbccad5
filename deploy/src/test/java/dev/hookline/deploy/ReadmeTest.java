package dev.hookline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.service.config.ConfigTable;
import dev.hookline.gateway.config.GatewayConfig;
import dev.hookline.dispatcher.config.DispatcherConfig;
import dev.hookline.processor.ProcessorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README documents the settings the code defines, not an older copy of them. */
class ReadmeTest {

    @Test
    void shouldShowTheGatewaySettingsTableMadeFromTheirDefinitions() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = GatewayConfig.settingsTable();

        assertThat(readme).as("README.md's gateway settings table is stale; regenerate it with ./hookline settings gateway").contains(table);
    }

    @Test
    void shouldShowTheProcessorSettingsTableMadeFromTheirDefinitions() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = ConfigTable.markdown(ProcessorConfig.DEFINITION);

        assertThat(readme).as("README.md's processor settings table is stale; regenerate it with ./hookline settings processor")
                .contains(table);
    }

    @Test
    void shouldShowTheDispatcherSettingsTableMadeFromTheirDefinitions() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String table = ConfigTable.markdown(DispatcherConfig.DEFINITION);

        assertThat(readme).as("README.md's dispatcher settings table is stale; regenerate it with ./hookline settings dispatcher")
                .contains(table);
    }

    @Test
    void shouldListEverySubCommandInTheCommandsTable() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));

        for (String name : Hookline.commandLine().getSubcommands().keySet()) {
            if (!name.equals("help")) {
                assertThat(readme).as("README.md's commands table lacks '%s'", name).contains("| `" + name);
            }
        }
        assertThat(readme).contains("./hookline local --simulate");
    }
}
