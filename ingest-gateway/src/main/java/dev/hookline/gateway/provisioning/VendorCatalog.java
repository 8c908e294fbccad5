package dev.hookline.gateway.provisioning;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every {@code <root>/*.json} vendor file on the class path, found by listing the folder (in a
 * directory or a jar) so that adding a vendor needs no index to update.
 */
final class VendorCatalog {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    private final Map<String, VendorSpec> specs;

    private VendorCatalog(Map<String, VendorSpec> specs) {
        this.specs = specs;
    }

    static VendorCatalog load(ClassLoader loader, String root) {
        Map<String, VendorSpec> specs = new TreeMap<>();
        try {
            for (URL folder : Collections.list(loader.getResources(root + "/"))) {
                for (String name : jsonFilesIn(folder)) {
                    String file = root + "/" + name;
                    VendorSpec spec = read(new URL(folder, name), file);
                    if (specs.putIfAbsent(spec.vendor(), spec) != null) {
                        throw new ProvisioningException("vendor file " + file + " is on the class path twice");
                    }
                }
            }
        } catch (IOException e) {
            throw new ProvisioningException("cannot list the vendor files under " + root + "/: " + e.getMessage(), e);
        }
        if (specs.isEmpty()) {
            throw new ProvisioningException("no vendor files found under " + root + "/ on the class path");
        }
        return new VendorCatalog(Collections.unmodifiableMap(specs));
    }

    List<String> names() {
        return List.copyOf(specs.keySet());
    }

    VendorSpec get(String vendor) {
        VendorSpec spec = vendor == null ? null : specs.get(vendor);
        if (spec == null) {
            throw new ProvisioningException("unknown vendor '" + vendor + "'; known vendors: "
                    + String.join(", ", specs.keySet()));
        }
        return spec;
    }

    private static VendorSpec read(URL url, String file) throws IOException {
        URLConnection conn = url.openConnection();
        conn.setUseCaches(false); // otherwise a jar stays open and locked after the read
        VendorSpec spec;
        try (InputStream in = conn.getInputStream()) {
            spec = JSON.readValue(in, VendorSpec.class);
        } catch (JacksonException e) {
            throw new ProvisioningException("vendor file " + file + " is not valid: " + e.getOriginalMessage(), e);
        }
        if (spec == null) {
            throw new ProvisioningException("vendor file " + file + " is empty");
        }
        spec.validate(file);
        return spec;
    }

    private static List<String> jsonFilesIn(URL folder) throws IOException {
        List<String> names = new ArrayList<>();
        switch (folder.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
                    files.map(p -> p.getFileName().toString()).forEach(names::add);
                } catch (URISyntaxException e) {
                    throw new IOException("bad folder URL " + folder, e);
                }
            }
            case "jar" -> {
                JarURLConnection conn = (JarURLConnection) folder.openConnection();
                conn.setUseCaches(false);
                String prefix = conn.getEntryName();
                try (JarFile jar = conn.getJarFile()) {
                    for (JarEntry entry : Collections.list(jar.entries())) {
                        String name = entry.getName();
                        if (name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                            names.add(name.substring(prefix.length()));
                        }
                    }
                }
            }
            default -> throw new IOException("cannot list vendor files in " + folder);
        }
        names.removeIf(n -> !n.endsWith(".json"));
        Collections.sort(names);
        return names;
    }
}
