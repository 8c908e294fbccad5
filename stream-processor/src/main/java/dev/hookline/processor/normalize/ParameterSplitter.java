package dev.hookline.processor.normalize;

import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Cuts raw {@code name=value} text (a query, or a query written into the path) into pairs, as
 * deployments write it rather than as RFC 3986 says:
 * <ul>
 *   <li>{@code &} always separates;</li>
 *   <li>{@code ;} separates when what follows looks like {@code name=} and either the name is a
 *       parameter some descriptor knows or the text has no {@code &} at all (then {@code ;} is
 *       its separator). So {@code event=hangup&reason=SIP;cause=486} keeps {@code reason} whole,
 *       while {@code event=ringing;mac=...;remote=...} is three parameters;</li>
 *   <li>{@code :} separates only before a known {@code name=}: it is part of SIP URIs and MACs;</li>
 *   <li>a value that starts with {@code "} runs to its closing {@code "}, separators inside are
 *       content ({@code text="Busy; Here"}); without a closing quote the quote is content;</li>
 *   <li>spaces around {@code =} are dropped from the name (the value is trimmed where it is read).</li>
 * </ul>
 * One pass over the text; a separator costs a look-ahead over at most one name. Never throws.
 */
final class ParameterSplitter {

    /** Longest name a look-ahead reads: longer is not a parameter name. */
    private static final int MAX_NAME = 64;

    private final Set<String> knownNames;

    /** @param knownNames parameter names the descriptors know, folded by {@link ParameterNames#fold} */
    ParameterSplitter(Set<String> knownNames) {
        this.knownNames = knownNames;
    }

    /**
     * Calls {@code pair} with the raw name and raw value of each {@code name=value} in
     * {@code s[from, to)}, and with the raw piece and null for a piece without {@code =}.
     */
    void split(String s, int from, int to, BiConsumer<String, String> pair) {
        boolean semicolonAlways = s.indexOf('&', from) < 0 || s.indexOf('&', from) >= to;
        int start = from;
        int eq = -1;
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '=' && eq < 0) {
                eq = i;
                int close = closingQuote(s, i + 1, to);
                if (close > 0) {
                    i = close + 1;
                    continue;
                }
            } else if (c == '&' || ((c == ';' || c == ':') && separatesHere(s, i, to, c == ';' && semicolonAlways))) {
                emit(s, start, eq, i, pair);
                start = i + 1;
                eq = -1;
            }
            i++;
        }
        emit(s, start, eq, to, pair);
    }

    private static void emit(String s, int start, int eq, int end, BiConsumer<String, String> pair) {
        if (end <= start) {
            return;
        }
        if (eq < 0) {
            pair.accept(s.substring(start, end), null);
        } else {
            pair.accept(s.substring(start, eq), s.substring(eq + 1, end));
        }
    }

    /** The index of the quote closing a value that starts (after spaces) at {@code from} with {@code "}, or -1. */
    private static int closingQuote(String s, int from, int to) {
        int i = from;
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        if (i >= to || s.charAt(i) != '"') {
            return -1;
        }
        for (int j = i + 1; j < to; j++) {
            if (s.charAt(j) == '"') {
                return j;
            }
        }
        return -1;
    }

    /** Whether the separator candidate at {@code at} is followed by {@code name=} (a known name unless {@code anyName}). */
    private boolean separatesHere(String s, int at, int to, boolean anyName) {
        int i = at + 1;
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        int nameStart = i;
        if (i >= to || !isNameStart(s.charAt(i))) {
            return false;
        }
        while (i < to && i - nameStart <= MAX_NAME && isNameChar(s.charAt(i))) {
            i++;
        }
        int nameEnd = i;
        while (i < to && s.charAt(i) == ' ') {
            i++;
        }
        if (i >= to || s.charAt(i) != '=') {
            return false;
        }
        return anyName || knownNames.contains(ParameterNames.fold(s.substring(nameStart, nameEnd)));
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
    }
}
