package dev.hookline.testkit.phones;

import dev.hookline.vendor.VendorCatalogue;
import dev.hookline.vendor.VendorDescriptor;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The {@link ActionUriEndpoint}s on the class path, one per dialect, and which one a vendor's phones get. */
public final class ActionUriEndpoints {

    private static volatile Map<String, ActionUriEndpoint> installed;

    private ActionUriEndpoints() {
    }

    /**
     * Dialect to endpoint, in dialect order; found once.
     *
     * @throws IllegalStateException when two endpoints serve one dialect
     */
    static Map<String, ActionUriEndpoint> installed() {
        Map<String, ActionUriEndpoint> found = installed;
        if (found == null) {
            Map<String, ActionUriEndpoint> map = new TreeMap<>();
            for (ActionUriEndpoint endpoint : ServiceLoader.load(ActionUriEndpoint.class,
                    ActionUriEndpoint.class.getClassLoader())) {
                ActionUriEndpoint previous = map.put(endpoint.dialect(), endpoint);
                if (previous != null) {
                    throw new IllegalStateException("two simulated Action URI endpoints serve dialect '"
                            + endpoint.dialect() + "': " + previous.getClass().getName() + " and "
                            + endpoint.getClass().getName());
                }
            }
            found = Collections.unmodifiableMap(map);
            installed = found;
        }
        return found;
    }

    /** The dialects simulated phones speak, in order. */
    public static List<String> dialects() {
        return List.copyOf(installed().keySet());
    }

    /** The endpoint that serves {@code dialect}. */
    public static Optional<ActionUriEndpoint> forDialect(String dialect) {
        return Optional.ofNullable(installed().get(dialect));
    }

    /**
     * The dialect {@code dialectOrVendor} names: a dialect an endpoint serves, else a vendor (name
     * or alias) of {@code catalogue} whose descriptor's {@code actionUri.dialect} one serves.
     *
     * @throws IllegalArgumentException naming the dialects and vendors that would do
     */
    public static String dialect(String dialectOrVendor, VendorCatalogue catalogue) {
        if (installed().containsKey(dialectOrVendor)) {
            return dialectOrVendor;
        }
        Optional<VendorDescriptor> vendor = catalogue.find(dialectOrVendor);
        if (vendor.isEmpty()) {
            throw new IllegalArgumentException("'" + dialectOrVendor + "' is neither a dialect simulated phones speak ("
                    + String.join(", ", dialects()) + ") nor a vendor (" + String.join(", ", catalogue.names()) + ")");
        }
        String dialect = vendor.get().dialect().orElseThrow(() -> new IllegalArgumentException("vendor "
                + vendor.get().vendor() + " takes no commands: its descriptor (" + vendor.get().file()
                + ") has no actionUri"));
        if (!installed().containsKey(dialect)) {
            throw new IllegalArgumentException("vendor " + vendor.get().vendor() + " speaks dialect '" + dialect
                    + "' (" + vendor.get().file() + "), which no simulated endpoint serves; they serve "
                    + String.join(", ", dialects()));
        }
        return dialect;
    }
}
