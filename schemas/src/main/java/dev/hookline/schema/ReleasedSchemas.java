package dev.hookline.schema;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParser;

/**
 * The schemas of every release, as shipped in this jar under {@code dev/hookline/schema/released/vN/}:
 * the writer schemas that records already on the topics may carry. {@link AvroSerde} reads each of
 * them into the current schema by Avro schema resolution; {@code SchemaCompatibilityTest} checks
 * each against the current schema, both ways.
 *
 * <p>A release's directory is a copy of {@code src/main/avro/} as released, never edited again: the
 * files directly in {@code vN/} are the released records, those below it (the shared types in
 * {@code common/}) are types they refer to by name. All files of one release are parsed together,
 * in any order.
 *
 * <p>The files are found through {@code released/index}, a list the build writes from the
 * directory (see the antrun execution in this module's pom): a class loader reads a resource by
 * name anywhere (a directory, this jar, the shaded {@code hookline.jar}) but cannot list a
 * directory, and a list kept by hand could miss the file a release adds.
 */
final class ReleasedSchemas {

    /** The released directory, relative to this package. */
    static final String ROOT = "released/";
    /** The list of its files, relative to it. */
    static final String INDEX = "index";

    private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]*");

    /**
     * One released record schema.
     *
     * @param version the release's directory name, such as {@code v1}
     * @param schema  the record's schema as released, its named types resolved
     */
    record Release(String version, Schema schema) {
    }

    private static final List<Release> ALL = load(ROOT);

    private ReleasedSchemas() {
    }

    /** Every released record schema, oldest release first (v10 after v9), then by name. */
    static List<Release> all() {
        return ALL;
    }

    /** The released schemas of the record with this full name, oldest first; empty if never released. */
    static List<Schema> of(String fullName) {
        return ALL.stream()
                .filter(release -> release.schema().getFullName().equals(fullName))
                .map(Release::schema)
                .toList();
    }

    /** Loads the releases under root (a directory relative to this package, ending in "/") by its index. */
    static List<Release> load(String root) {
        Map<Integer, List<String>> filesByVersion = new TreeMap<>();
        for (String path : index(root)) {
            String version = path.substring(0, Math.max(path.indexOf('/'), 0));
            if (!VERSION.matcher(version).matches()) {
                throw new IllegalStateException("released schema " + root + path + " is not in a release directory vN/");
            }
            filesByVersion.computeIfAbsent(Integer.parseInt(version.substring(1)), n -> new ArrayList<>()).add(path);
        }
        List<Release> all = new ArrayList<>();
        filesByVersion.forEach((number, files) -> all.addAll(parse(root, "v" + number, files)));
        return List.copyOf(all);
    }

    /**
     * Parses one release's files with one parser: the shared types first, since Avro checks a
     * field's default against its type as it parses (an enum's default fails against a type not
     * parsed yet); then the records, which may refer to each other in any order (a DeadLetter
     * holds a RawPhoneRequest).
     */
    private static List<Release> parse(String root, String version, List<String> files) {
        SchemaParser parser = new SchemaParser();
        List<SchemaParser.ParseResult> records = new ArrayList<>();
        List<String> sharedFirst = files.stream().sorted(Comparator.comparing(ReleasedSchemas::isRecord)).toList();
        for (String file : sharedFirst) {
            try (InputStream in = open(root + file)) {
                SchemaParser.ParseResult parsed = parser.parse(in);
                if (isRecord(file)) {
                    records.add(parsed);
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot parse released schema " + root + file + ": " + e.getMessage(), e);
            }
        }
        try {
            // Resolved now that every file of the release is parsed.
            return records.stream()
                    .map(SchemaParser.ParseResult::mainSchema)
                    .sorted(Comparator.comparing(Schema::getFullName))
                    .map(schema -> new Release(version, schema))
                    .toList();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot resolve the released schemas of " + root + version + "/: "
                    + e.getMessage(), e);
        }
    }

    /** Whether a file (vN/...) is a released record, directly in its release, or a shared type below it. */
    private static boolean isRecord(String file) {
        return file.indexOf('/') == file.lastIndexOf('/');
    }

    private static List<String> index(String root) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(root + INDEX), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + INDEX, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = ReleasedSchemas.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + ReleasedSchemas.class.getPackageName().replace('.', '/')
                    + "/" + resource + (resource.endsWith("/" + INDEX) ? " (the build writes it: mvn process-resources)" : ""));
        }
        return in;
    }
}
