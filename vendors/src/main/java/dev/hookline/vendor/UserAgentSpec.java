package dev.hookline.vendor;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a vendor's User-Agent header holds.
 *
 * @param mac      where the MAC is, or null when the descriptor does not say (the gateway then
 *                 uses its vendor-neutral rule)
 * @param patterns regular expressions with named groups {@code model} and/or {@code firmware}
 * @param examples real User-Agents with what must be read from them (checked by the tests)
 */
public record UserAgentSpec(MacLocation mac, List<String> patterns, List<Example> examples) {

    public static final UserAgentSpec NONE = new UserAgentSpec(null, List.of(), List.of());

    public UserAgentSpec {
        patterns = patterns == null ? List.of() : List.copyOf(patterns);
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /** The patterns, compiled (they were checked when the file was loaded). */
    public List<Pattern> compiledPatterns() {
        return patterns.stream().map(Pattern::compile).toList();
    }

    /**
     * Where the MAC is in the User-Agent, the UA being cut into tokens at whitespace and
     * {@code ( ) ; ,}.
     *
     * @param at      the rule
     * @param keyword the prefix for {@link At#AFTER_PREFIX}, the preceding token for {@link At#NEXT_TOKEN}
     */
    public record MacLocation(At at, String keyword) {
    }

    /** The ways a vendor places the MAC in its User-Agent. */
    public enum At {
        /** The last token. */
        LAST_TOKEN,
        /** The token that starts with the keyword (ignoring case), the MAC after it: {@code MAC:00-08-5D-...}. */
        AFTER_PREFIX,
        /** The token after the token equal to the keyword (ignoring case): {@code DevId c074ad2bd859}. */
        NEXT_TOKEN,
        /** The User-Agent carries no MAC. */
        NONE;

        @JsonValue
        public String spelling() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @JsonCreator
        public static At of(String spelling) {
            return valueOf(spelling.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /**
     * One real User-Agent and what must be read from it.
     *
     * @param mac the MAC, 12 lower-case hex digits, or null when none may be read
     */
    public record Example(String userAgent, String mac, String model, String firmware) {
    }
}
