package dev.hookline.deploy.dlq;

import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.service.Macs;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The shape of a phone request, for grouping the ones Hookline cannot read: method, path with
 * the segments that are data blanked ({@code {value}}), and the parameter names with their
 * values blanked. Words stay: they are what a reader (or a descriptor) is missing. Two phones of
 * one model and configuration send requests of one shape, whatever their numbers and MACs.
 */
public final class RequestShape {

    /** A path segment that is data, not a word: a number, an address, a long hex run, a MAC. */
    private static final Pattern DATA = Pattern.compile("[0-9.:+*#_-]+|[0-9a-fA-F]{8,}|[0-9a-fA-F:.-]{12,17}");

    private RequestShape() {
    }

    /** E.g. {@code GET /cti/ph_ringing.asp?callerid=&line=}. */
    public static String of(RawPhoneRequest request) {
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        StringBuilder path = new StringBuilder();
        for (String segment : request.getPath().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            path.append('/');
            if (segment.indexOf('=') > 0) {
                addNames(segment, names); // a query written into the path, with no '?'
                path.append("{params}");
            } else {
                path.append(isData(segment) ? "{value}" : segment);
            }
        }
        if (path.length() == 0) {
            path.append('/');
        }
        if (request.getQuery() != null) {
            addNames(request.getQuery(), names);
        }
        StringBuilder shape = new StringBuilder(request.getMethod().toUpperCase(Locale.ROOT)).append(' ').append(path);
        if (!names.isEmpty()) {
            shape.append('?').append(String.join("=&", names)).append('=');
        }
        return shape.toString();
    }

    private static boolean isData(String segment) {
        String s = segment.trim();
        return s.isEmpty() || DATA.matcher(s).matches() || Macs.normalize(s).isPresent();
    }

    /** Parameter names of {@code text}, pairs separated by {@code &} or {@code ;} as phones write them. */
    private static void addNames(String text, TreeSet<String> names) {
        for (String pair : text.split("[&;]")) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
            if (!name.isEmpty() && name.length() <= 64 && !isData(name)) {
                names.add(name);
            }
        }
    }
}
