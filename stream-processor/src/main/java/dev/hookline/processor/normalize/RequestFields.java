package dev.hookline.processor.normalize;

import java.util.function.Predicate;

/**
 * The fields of one request as one vendor's {@link FieldNames} read them, each worked out once
 * ({@link FieldNames#read}).
 */
final class RequestFields {

    private final FieldNames names;
    private final RequestText t;
    /** By {@link FieldNames#indexOf}. */
    private final String[] values;

    RequestFields(FieldNames names, RequestText t, String[] values) {
        this.names = names;
        this.t = t;
        this.values = values;
    }

    /** The first value of {@code field} that is not absent, or null. */
    String first(String field) {
        return values[FieldNames.indexOf(field)];
    }

    /** As {@link FieldNames#first(RequestText, String, String, Predicate)}. */
    String first(String field, String otherField, Predicate<String> shape) {
        return names.first(t, field, otherField, shape);
    }
}
