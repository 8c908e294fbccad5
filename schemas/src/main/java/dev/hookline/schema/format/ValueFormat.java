package dev.hookline.schema.format;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a topic's record values are written. Readers take every format (the first byte tells
 * them apart), so a topic can switch format without losing the records already in it.
 */
public enum ValueFormat {

    /** Avro's single-object encoding (C3 01, 8-byte schema fingerprint, body): no registry, the {@code .avsc} files. */
    AVRO_SINGLE_OBJECT("avro-single-object"),
    /** The Confluent wire format (00, 4-byte big-endian schema id, body) against a Confluent-compatible registry. */
    AVRO_REGISTRY("avro-registry"),
    /** One UTF-8 JSON object per value, with the {@code .avsc} field names. */
    JSON("json");

    private final String id;

    ValueFormat(String id) {
        this.id = id;
    }

    /** The name used in settings and on the command line. */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /** The format of a setting's value; an unknown name is an error that lists the known ones. */
    public static ValueFormat parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(format -> format.id.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown value format '" + text + "'; known: " + names()));
    }

    /** The known names, comma separated. */
    public static String names() {
        return Arrays.stream(values()).map(ValueFormat::id).collect(Collectors.joining(", "));
    }

    /** The format a value was written in, from its first byte; empty when it is none of them. */
    public static java.util.Optional<ValueFormat> detect(byte[] value) {
        if (value == null || value.length == 0) {
            return java.util.Optional.empty();
        }
        return switch (value[0]) {
            case (byte) 0xC3 -> java.util.Optional.of(AVRO_SINGLE_OBJECT);
            case 0x00 -> java.util.Optional.of(AVRO_REGISTRY);
            case '{', ' ', '\t', '\n', '\r' -> java.util.Optional.of(JSON);
            default -> java.util.Optional.empty();
        };
    }
}
