package dev.hookline.dispatcher.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.PhoneTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The phones' web logins, from a JSON file kept apart from the configuration:
 * <pre>
 * {"vendors": {"yealink": {"username": "admin", "password": "..."}},
 *  "models":  {"T46S": {"username": "admin", "password": "..."}},
 *  "devices": {"805ec0a1b2c3": {"username": "admin", "password": "..."}}}
 * </pre>
 * A device's own entry wins over its model's, which wins over its vendor's. Every section is
 * optional; unknown names are errors, because a misspelt section would silently leave phones
 * without credentials. Vendor, model and device names are matched case-insensitively; device
 * ids may be written with separators ({@code 80:5e:c0:a1:b2:c3}).
 */
public final class SecretsFile {

    private static final Set<String> SECTIONS = Set.of("vendors", "models", "devices");
    private static final Set<String> ENTRY_FIELDS = Set.of("username", "password");
    private static final ObjectMapper JSON = JsonMapper.builder()
            // Keep the file's text out of parser messages, even though they are never shown.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private final Path file;
    private final Map<String, Credentials> vendors;
    private final Map<String, Credentials> models;
    private final Map<String, Credentials> devices;

    private SecretsFile(Path file, Map<String, Credentials> vendors, Map<String, Credentials> models,
                        Map<String, Credentials> devices) {
        this.file = file;
        this.vendors = Map.copyOf(vendors);
        this.models = Map.copyOf(models);
        this.devices = Map.copyOf(devices);
    }

    /** Reads and checks the whole file; throws {@link SecretsFileException} on any problem. */
    public static SecretsFile load(Path file) {
        JsonNode root = read(file);
        if (!root.isObject()) {
            throw new SecretsFileException(where(file, "$") + " must be a JSON object with vendors, models and/or devices");
        }
        for (Map.Entry<String, JsonNode> section : root.properties()) {
            String name = section.getKey();
            if (!SECTIONS.contains(name)) {
                throw new SecretsFileException(where(file, "$." + name) + " is not a known section; expected one of"
                        + " vendors, models, devices");
            }
        }
        return new SecretsFile(file,
                section(file, root, "vendors", SecretsFile::key),
                section(file, root, "models", SecretsFile::key),
                section(file, root, "devices", SecretsFile::deviceKey));
    }

    /** The login for this phone: its device entry, else its model's, else its vendor's. */
    public Optional<Credentials> lookup(PhoneTarget target) {
        Credentials device = devices.get(deviceKey(target.deviceId()));
        if (device != null) {
            return Optional.of(device);
        }
        Credentials model = target.model() == null ? null : models.get(key(target.model()));
        if (model != null) {
            return Optional.of(model);
        }
        return Optional.ofNullable(vendors.get(key(target.vendor())));
    }

    @Override
    public String toString() {
        return "SecretsFile[" + file + ": " + vendors.size() + " vendors, " + models.size() + " models, "
                + devices.size() + " devices]";
    }

    private static JsonNode read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SecretsFileException("secrets file " + file + " does not exist");
        } catch (IOException e) {
            throw new SecretsFileException("secrets file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw new SecretsFileException("secrets file " + file + " is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the offending token, which can be a password:
            // only the position is kept, and the exception is not chained.
            JsonLocation at = e.getLocation();
            String position = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new SecretsFileException("secrets file " + file + " is not valid JSON" + position);
        } catch (IOException e) {
            throw new SecretsFileException("secrets file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Map<String, Credentials> section(Path file, JsonNode root, String name,
                                                    UnaryOperator<String> normalizeKey) {
        Map<String, Credentials> entries = new HashMap<>();
        JsonNode section = root.get(name);
        if (section == null || section.isNull()) {
            return entries;
        }
        if (!section.isObject()) {
            throw new SecretsFileException(where(file, "$." + name) + " must be an object of name: {username, password}");
        }
        for (Map.Entry<String, JsonNode> field : section.properties()) {
            String path = "$." + name + "." + field.getKey();
            Credentials previous = entries.put(normalizeKey.apply(field.getKey()), entry(file, path, field.getValue()));
            if (previous != null) {
                throw new SecretsFileException(where(file, path) + " repeats an earlier entry (names ignore case"
                        + (name.equals("devices") ? " and separators" : "") + ")");
            }
        }
        return entries;
    }

    private static Credentials entry(Path file, String path, JsonNode node) {
        if (!node.isObject()) {
            throw new SecretsFileException(where(file, path) + " must be an object {\"username\": ..., \"password\": ...}");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!ENTRY_FIELDS.contains(name)) {
                throw new SecretsFileException(where(file, path + "." + name) + " is not a known field; expected"
                        + " username and password");
            }
        }
        return new Credentials(text(file, path + ".username", node.get("username")),
                text(file, path + ".password", node.get("password")));
    }

    private static String text(Path file, String path, JsonNode value) {
        if (value == null) {
            throw new SecretsFileException(where(file, path) + " is missing");
        }
        if (!value.isTextual()) {
            // The type only, never the value: this may be the password.
            throw new SecretsFileException(where(file, path) + " must be a string, not " + value.getNodeType()
                    .name().toLowerCase(Locale.ROOT));
        }
        return value.textValue();
    }

    private static String where(Path file, String path) {
        return "secrets file " + file + ": " + path;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** A MAC written with ':' or '-' (any case) matches the device id's 12 lowercase hex digits. */
    private static String deviceKey(String id) {
        String lower = key(id);
        String hex = lower.replaceAll("[:\\-.]", "");
        return hex.matches("[0-9a-f]{12}") ? hex : lower;
    }
}
