package dev.hookline.vendor;

import java.util.List;
import java.util.Locale;

/**
 * How a request is known to come from a vendor. Path segments and User-Agent markers are kept
 * lower case (they are compared ignoring case); parameter names as written.
 *
 * @param pathSegments      a path segment equal to one of these
 * @param pathPrefixes      a path starting with one of these (how a scheme is recognised)
 * @param userAgentContains a User-Agent containing one of these
 * @param parameterNames    a parameter or body element of one of these names
 * @param macPrefixes       the vendor's OUIs, 6 lower-case hex digits
 */
public record Recognition(List<String> pathSegments, List<String> pathPrefixes, List<String> userAgentContains, List<String> parameterNames,
                          List<String> macPrefixes) {

    public static final Recognition NONE = new Recognition(List.of(), List.of(), List.of(), List.of(), List.of());

    public Recognition {
        pathSegments = lower(pathSegments);
        pathPrefixes = lower(pathPrefixes);
        userAgentContains = lower(userAgentContains);
        parameterNames = parameterNames == null ? List.of() : List.copyOf(parameterNames);
        macPrefixes = macPrefixes == null ? List.of() : List.copyOf(macPrefixes);
    }

    /** True when nothing in a request can name this vendor. */
    public boolean isEmpty() {
        return pathSegments.isEmpty() && pathPrefixes.isEmpty() && userAgentContains.isEmpty() && parameterNames.isEmpty();
    }

    private static List<String> lower(List<String> in) {
        return in == null ? List.of() : in.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
    }
}
