package dev.hookline.schema.format;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Confluent-compatible schema registry is and how to talk to it.
 *
 * @param url          its base URL, e.g. {@code http://registry:8081} (Confluent, Karapace,
 *                     Redpanda) or {@code http://registry:8080/apis/ccompat/v7} (Apicurio)
 * @param userInfo     {@code user:password} for HTTP Basic, or empty; never logged
 * @param caFile       a PEM file of the certificates to trust for an https URL, or empty for the JVM's
 * @param autoRegister register the schemas a service writes at its start; when false they must exist
 * @param timeout      per request, and the bound of the check at start
 */
public record RegistrySettings(URI url, Optional<String> userInfo, Optional<Path> caFile, boolean autoRegister,
                               Duration timeout) {

    public RegistrySettings {
        Objects.requireNonNull(url, "url");
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))) {
            throw new IllegalArgumentException("registry URL must be http:// or https://, not " + redact(url));
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("put the registry's credentials in registry.basic.auth.user.info, "
                    + "not in its URL " + redact(url));
        }
    }

    /** The settings of a registry at url without credentials, registering schemas, 10 s per request. */
    public static RegistrySettings at(URI url) {
        return new RegistrySettings(url, Optional.empty(), Optional.empty(), true, Duration.ofSeconds(10));
    }

    /** The URL without any credentials in it, for messages. */
    static String redact(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.toString().replace(url.getRawUserInfo() + "@", "***@");
    }

    @Override
    public String toString() {
        return "RegistrySettings[url=" + redact(url) + ", userInfo=" + (userInfo.isPresent() ? "[hidden]" : "none")
                + ", caFile=" + caFile.map(Path::toString).orElse("none") + ", autoRegister=" + autoRegister
                + ", timeout=" + timeout + "]";
    }
}
