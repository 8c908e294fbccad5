package dev.hookline.dispatcher.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.PhoneTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsFileTest {

    private static final String PASSWORD = "Hunter2-Secret";

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        Path file = dir.resolve("secrets.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    private static PhoneTarget phone(String deviceId, String vendor, String model) {
        return new PhoneTarget(deviceId, vendor, model, "127.0.0.2", 80);
    }

    @Test
    void shouldPreferTheDeviceThenTheModelThenTheVendor() throws IOException {
        SecretsFile secrets = SecretsFile.load(write("""
                {"vendors": {"Yealink": {"username": "admin", "password": "vendor-pw"}},
                 "models":  {"T46S": {"username": "admin", "password": "model-pw"}},
                 "devices": {"80:5E:C0:A1:B2:C3": {"username": "ops", "password": "device-pw"}}}
                """));

        assertThat(secrets.lookup(phone("805ec0a1b2c3", "yealink", "T46S")))
                .contains(new Credentials("ops", "device-pw"));
        assertThat(secrets.lookup(phone("805ec0000000", "yealink", "t46s")))
                .contains(new Credentials("admin", "model-pw"));
        assertThat(secrets.lookup(phone("805ec0000000", "yealink", null)))
                .contains(new Credentials("admin", "vendor-pw"));
        assertThat(secrets.lookup(phone("805ec0000000", "snom", "D785"))).isEmpty();
    }

    @Test
    void shouldAcceptMissingSectionsAndEmptyPasswords() throws IOException {
        SecretsFile secrets = SecretsFile.load(write("{\"devices\": {\"ip-10.0.0.5\": {\"username\": \"u\", \"password\": \"\"}}}"));

        assertThat(secrets.lookup(phone("ip-10.0.0.5", "snom", null))).contains(new Credentials("u", ""));
        assertThat(secrets.toString()).isEqualTo("SecretsFile[" + dir.resolve("secrets.json") + ": 0 vendors, 0 models, 1 devices]");
    }

    @Test
    void shouldNameAMissingFile() {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> SecretsFile.load(missing))
                .isInstanceOf(SecretsFileException.class)
                .hasMessage("secrets file " + missing + " does not exist");
    }

    /** Jackson's message would quote the unquoted token, here the password. */
    @Test
    void shouldReportBadJsonByPositionWithoutThePassword() throws IOException {
        Path file = write("{\"vendors\": {\"yealink\": {\"username\": \"admin\",\n \"password\": " + PASSWORD + "}}}");

        assertThatThrownBy(() -> SecretsFile.load(file))
                .isInstanceOf(SecretsFileException.class)
                .hasMessage("secrets file " + file + " is not valid JSON at line 2, column 14")
                .hasNoCause()
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
    }

    @Test
    void shouldReportTruncatedJsonWithoutThePassword() throws IOException {
        Path file = write("{\"vendors\": {\"yealink\": {\"username\": \"admin\", \"password\": \"" + PASSWORD);

        assertThatThrownBy(() -> SecretsFile.load(file))
                .hasMessageStartingWith("secrets file " + file + " is not valid JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
    }

    @Test
    void shouldNameTheMissingField() throws IOException {
        Path file = write("{\"models\": {\"T46S\": {\"password\": \"" + PASSWORD + "\"}}}");

        assertThatThrownBy(() -> SecretsFile.load(file))
                .hasMessage("secrets file " + file + ": $.models.T46S.username is missing");
    }

    @Test
    void shouldNameAFieldOfTheWrongTypeWithoutItsValue() throws IOException {
        Path file = write("{\"devices\": {\"805ec0a1b2c3\": {\"username\": \"admin\", \"password\": 918273645}}}");

        assertThatThrownBy(() -> SecretsFile.load(file))
                .hasMessage("secrets file " + file + ": $.devices.805ec0a1b2c3.password must be a string, not number")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("918273645"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"vendor\": {}}|$.vendor is not a known section",
            "{\"vendors\": {\"snom\": {\"username\": \"a\", \"pasword\": \"x\"}}}|$.vendors.snom.pasword is not a known field",
            "{\"vendors\": []}|$.vendors must be an object",
            "{\"vendors\": {\"snom\": \"admin:pw\"}}|$.vendors.snom must be an object",
            "[]|$ must be a JSON object",
            "{\"vendors\": {\"snom\": {\"username\": \"a\", \"password\": \"b\"}, \"SNOM\": {\"username\": \"a\", \"password\": \"b\"}}}|$.vendors.SNOM repeats an earlier entry"})
    void shouldNameThePathOfAStructuralError(String jsonAndMessage) throws IOException {
        String[] parts = jsonAndMessage.split("\\|");
        Path file = write(parts[0]);

        assertThatThrownBy(() -> SecretsFile.load(file))
                .isInstanceOf(SecretsFileException.class)
                .hasMessageStartingWith("secrets file " + file + ": " + parts[1]);
    }

    @Test
    void shouldRefuseAnEmptyFile() throws IOException {
        Path file = write("  ");

        assertThatThrownBy(() -> SecretsFile.load(file)).hasMessage("secrets file " + file + " is empty");
    }
}
