package dev.hookline.schema;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro load Hookline's generated classes by reflection. Since Avro 1.11.4 only trusted
 * classes may be loaded by name, which Avro does for an enum field's default value (building
 * a record, or reading an older record that lacks the field). Without this, building a
 * {@link RawPhoneRequest} with its default {@code source} fails with a SecurityException.
 *
 * <p>{@link AvroSerde} and {@link Topics} install it; code that builds records before touching
 * either calls {@link #install()} first, or starts the JVM with
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.hookline.schema}.
 */
public final class SchemaTrust {

    /** The package of the generated classes, with the dot so that no other package matches. */
    static final String PACKAGE = SchemaTrust.class.getPackageName() + ".";

    private static boolean installed;

    private SchemaTrust() {
    }

    /** Adds trust in this package to Avro's global validator, keeping whatever it trusted. Idempotent. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                type -> type.getName().startsWith(PACKAGE)));
        installed = true;
    }
}
