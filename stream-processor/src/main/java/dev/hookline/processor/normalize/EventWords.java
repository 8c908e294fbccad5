package dev.hookline.processor.normalize;

import dev.hookline.vendor.Spellings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The spelling keys an event candidate (a path segment, a parameter value, an element name) is
 * looked up by, most literal first: the whole text; the text without a web file extension
 * ({@code ph_ringing.asp}); then, word by word, the text without its leading words
 * ({@code evt_call_answered}: {@code callanswered}, {@code answered}). Words are cut at anything
 * but letters and digits and where case changes ({@code callAnswered}, {@code CallEnded},
 * {@code DNDOn}). Only leading words are dropped, and never a negation, so a word does not lose
 * what qualifies it ({@code not_registered} is not {@code registered}).
 */
final class EventWords {

    /** File extensions of web pages and scripts that name the event in a file name. */
    private static final Set<String> FILE_EXTENSIONS = Set.of(
            "asp", "aspx", "php", "php3", "php4", "php5", "cgi", "jsp", "jspx", "html", "htm", "shtml", "xhtml",
            "pl", "py", "rb", "do", "action", "cfm", "xml", "json", "txt", "js", "ashx", "axd", "lua", "sh");

    /** Words that turn the meaning of what follows: never dropped. */
    private static final Set<String> NEGATIONS = Set.of("no", "not", "non", "un", "dont", "never", "without", "cancel");

    /** Most words an event name is split into: longer text is not an event name. */
    private static final int MAX_WORDS = 8;

    private EventWords() {
    }

    /** The key of the whole candidate, as every vendor's spellings are keyed. */
    static String wholeKey(String candidate) {
        return Spellings.key(candidate);
    }

    /** The further keys to try after {@link #wholeKey}, most literal first, without repeats. */
    static List<String> fallbackKeys(String candidate) {
        List<String> keys = new ArrayList<>(4);
        String whole = Spellings.key(candidate);
        String name = withoutFileExtension(candidate);
        if (name != candidate) {
            add(keys, whole, Spellings.key(name));
        }
        List<String> words = words(name);
        for (int drop = 1; drop < words.size(); drop++) {
            if (NEGATIONS.contains(words.get(drop - 1))) {
                break;
            }
            add(keys, whole, String.join("", words.subList(drop, words.size())));
        }
        return keys;
    }

    private static void add(List<String> keys, String whole, String key) {
        if (!key.isEmpty() && !key.equals(whole) && !keys.contains(key)) {
            keys.add(key);
        }
    }

    /** {@code ph_ringing.asp} without {@code .asp}; the same instance when it has none. */
    static String withoutFileExtension(String s) {
        int dot = s.lastIndexOf('.');
        if (dot <= 0 || dot >= s.length() - 1) {
            return s;
        }
        String ext = s.substring(dot + 1).toLowerCase(Locale.ROOT);
        return FILE_EXTENSIONS.contains(ext) ? s.substring(0, dot) : s;
    }

    /** Lower-case words: cut at non-alphanumerics, lower-to-upper and acronym-to-word changes. */
    static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        int n = s.length();
        for (int i = 0; i < n && words.size() < MAX_WORDS; i++) {
            char c = s.charAt(i);
            if (!Character.isLetterOrDigit(c) || c > 0x7f) {
                flush(words, w);
                continue;
            }
            if (Character.isUpperCase(c) && w.length() > 0) {
                char prev = s.charAt(i - 1);
                boolean nextLower = i + 1 < n && Character.isLowerCase(s.charAt(i + 1));
                if (Character.isLowerCase(prev) || (Character.isUpperCase(prev) && nextLower)) {
                    flush(words, w);
                }
            }
            w.append(Character.toLowerCase(c));
        }
        flush(words, w);
        return words;
    }

    private static void flush(List<String> words, StringBuilder w) {
        if (w.length() > 0) {
            words.add(w.toString());
            w.setLength(0);
        }
    }
}
