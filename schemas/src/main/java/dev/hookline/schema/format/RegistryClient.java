package dev.hookline.schema.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent schema registry REST API, which Confluent's registry, Karapace,
 * Redpanda and Apicurio's {@code ccompat} API all serve: register a subject's schema, look one
 * up, and fetch a schema by id. Schemas by id never change, so they are cached for good.
 *
 * <p>Errors name the registry's URL and what it answered, never the credentials.
 */
public final class RegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final long[] RETRY_PAUSES_MS = {250, 1500};

    private final RegistrySettings settings;
    private final String base;
    private final HttpClient http;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    public RegistryClient(RegistrySettings settings) {
        this.settings = settings;
        String url = settings.url().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.timeout());
        settings.caFile().ifPresent(file -> builder.sslContext(trusting(file)));
        this.http = builder.build();
    }

    public RegistrySettings settings() {
        return settings;
    }

    /** Checks that the registry answers (its subject list); the error says why not. */
    public void check() {
        send(get("/subjects"), "list subjects");
    }

    /**
     * Registers schema under subject, or finds it there when it is already registered (the
     * registry answers the same id): the id a Confluent client frames values with.
     */
    public int register(String subject, Schema schema) {
        JsonNode answer = send(post("/subjects/" + encode(subject) + "/versions", body(schema)),
                "register the schema of subject " + subject);
        int id = requireId(answer, subject);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    /** The id of schema under subject, or empty when the subject or that schema in it does not exist. */
    public OptionalInt lookup(String subject, Schema schema) {
        HttpResponse<String> response = exchange(post("/subjects/" + encode(subject), body(schema)),
                "look up the schema of subject " + subject);
        if (response.statusCode() == 404) {
            return OptionalInt.empty();
        }
        int id = requireId(parse(response, "look up the schema of subject " + subject), subject);
        schemasById.putIfAbsent(id, schema);
        return OptionalInt.of(id);
    }

    /** The versions registered under subject, oldest first. */
    public List<Integer> versions(String subject) {
        JsonNode answer = send(get("/subjects/" + encode(subject) + "/versions"), "list the versions of " + subject);
        return java.util.stream.StreamSupport.stream(answer.spliterator(), false).map(JsonNode::asInt).toList();
    }

    /** The subjects the registry holds. */
    public List<String> subjects() {
        JsonNode answer = send(get("/subjects"), "list subjects");
        return java.util.stream.StreamSupport.stream(answer.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** The schema registered with id (any subject, any version). */
    public Schema schema(int id) {
        Schema known = schemasById.get(id);
        if (known != null) {
            return known;
        }
        JsonNode answer = send(get("/schemas/ids/" + id), "fetch schema id " + id);
        JsonNode text = answer.get("schema");
        if (text == null || !text.isTextual()) {
            throw new RegistryException("schema registry " + base + " answered no schema for id " + id);
        }
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new RegistryException("schema id " + id + " in registry " + base + " is " + type + ", not AVRO");
        }
        try {
            Schema schema = new Schema.Parser().parse(text.textValue());
            schemasById.putIfAbsent(id, schema);
            return schema;
        } catch (SchemaParseException e) {
            throw new RegistryException("schema id " + id + " in registry " + base + " is not an Avro schema: "
                    + e.getMessage(), e);
        }
    }

    // ---- HTTP ----

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(settings.timeout())
                .header("Accept", CONTENT_TYPE + ", application/json");
        settings.userInfo().ifPresent(userInfo -> builder.header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))));
        return builder;
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest post(String path, String body) {
        return request(path).header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private JsonNode send(HttpRequest request, String what) {
        return parse(exchange(request, what), what);
    }

    /**
     * One request, tried again after a short pause when the registry did not answer or had a
     * server error (a restart, a failover): three tries over about two seconds.
     */
    private HttpResponse<String> exchange(HttpRequest request, String what) {
        RegistryUnavailableException last = null;
        for (int attempt = 0; attempt < RETRY_PAUSES_MS.length + 1; attempt++) {
            try {
                if (attempt > 0) {
                    Thread.sleep(RETRY_PAUSES_MS[attempt - 1]);
                }
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (response.statusCode() < 500) {
                    return response;
                }
                last = new RegistryUnavailableException("schema registry " + base + " could not " + what + " (HTTP "
                        + response.statusCode() + "): " + abbreviate(response.body()));
            } catch (IOException e) {
                last = new RegistryUnavailableException("schema registry " + base + " did not answer (" + what + "): "
                        + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getClass().getSimpleName() + ": " + e.getMessage()), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while waiting for schema registry " + base
                        + " (" + what + ")", e);
            }
        }
        throw last;
    }

    private JsonNode parse(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new RegistryUnavailableException("schema registry " + base + " refused to " + what + " (HTTP " + status
                    + "): check registry.basic.auth.user.info");
        }
        if (status / 100 != 2) {
            throw new RegistryException("schema registry " + base + " could not " + what + " (HTTP " + status + "): "
                    + abbreviate(response.body()));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RegistryException("schema registry " + base + " answered " + what + " with something not JSON: "
                    + abbreviate(response.body()), e);
        }
    }

    private int requireId(JsonNode answer, String subject) {
        JsonNode id = answer.get("id");
        if (id == null || !id.canConvertToInt()) {
            throw new RegistryException("schema registry " + base + " answered no schema id for subject " + subject);
        }
        return id.intValue();
    }

    private static String body(Schema schema) {
        return JSON.createObjectNode().put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }

    /** An SSL context that trusts the certificates of a PEM file (a private CA or the registry's own). */
    private static SSLContext trusting(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + n++, certificate);
            }
            if (n == 0) {
                throw new RegistryException("registry.ssl.ca.location " + pemFile + " holds no certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new RegistryException("cannot read the registry's CA certificates from " + pemFile + ": "
                    + e.getMessage(), e);
        }
    }
}
