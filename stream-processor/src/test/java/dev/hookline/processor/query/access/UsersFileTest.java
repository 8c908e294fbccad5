package dev.hookline.processor.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users file: only hashes, clear errors for lines it cannot use, roles with command implying read. */
class UsersFileTest {

    @TempDir
    Path temp;

    @Test
    void shouldKnowUsersByPasswordAndTokensWithTheirRoles() throws Exception {
        String token = UsersFile.newToken();
        Path file = write("# comment", "", "user alice read,command " + UsersFile.hashPassword("alice-secret"),
                "token grafana read " + UsersFile.hashToken(token));

        UsersFile users = UsersFile.read(file);

        assertThat(users.size()).isEqualTo(2);
        assertThat(users.user("alice", "alice-secret")).hasValueSatisfying(principal ->
                assertThat(principal.roles()).isEqualTo(Set.of(Role.READ, Role.COMMAND)));
        assertThat(users.user("alice", "wrong")).isEmpty();
        assertThat(users.user("grafana", token)).as("a token is no password").isEmpty();
        assertThat(users.token(token)).hasValueSatisfying(principal -> {
            assertThat(principal.name()).isEqualTo("grafana");
            assertThat(principal.may(Role.COMMAND)).isFalse();
        });
        assertThat(users.token(UsersFile.newToken())).isEmpty();
        assertThat(Files.readString(file)).doesNotContain("alice-secret").doesNotContain(token);
    }

    @Test
    void shouldRefuseALineItCannotUseNamingTheLineButNotItsSecret() throws Exception {
        assertThatThrownBy(() -> UsersFile.read(write("user bob read plain-password")))
                .hasMessageContaining("line 1").hasMessageContaining("not a password")
                .hasMessageNotContaining("plain-password");
        assertThatThrownBy(() -> UsersFile.read(write("user bob admin " + UsersFile.hashToken("x"))))
                .hasMessageContaining("line 1").hasMessageContaining("unknown role 'admin'");
        assertThatThrownBy(() -> UsersFile.read(write("", "group bob read $x$y")))
                .hasMessageContaining("line 2").hasMessageContaining("neither user nor token");
        assertThatThrownBy(() -> UsersFile.read(write("user bob read")))
                .hasMessageContaining("4 fields");
    }

    @Test
    void commandShouldImplyRead() {
        assertThat(Role.parse("command")).containsExactlyInAnyOrder(Role.READ, Role.COMMAND);
        assertThat(Role.parse(" read ")).containsExactly(Role.READ);
    }

    private Path write(String... lines) throws Exception {
        Path file = Files.createTempFile(temp, "users", "");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }
}
