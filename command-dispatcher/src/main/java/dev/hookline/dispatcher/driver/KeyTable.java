package dev.hookline.dispatcher.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One vendor's allow-list of keys: the names a SEND_KEYS command may use (vendor-neutral names
 * from {@link KeySequence} and the vendor's own) and the name the phone expects for each. Each
 * driver declares its table; a key not in it makes the command invalid, so nothing but the
 * table's own values ever reaches a URL.
 */
public final class KeyTable {

    private static final Pattern NUMBERED = Pattern.compile("([A-Z_]+)([0-9]{1,3})");

    private final String vendor;
    private final Map<String, String> names;
    private final List<Family> families;

    /** Keys numbered {@code first..last}: {@code L1..L29} accepted, sent as {@code vendorPrefix + n}. */
    private record Family(String prefix, int first, int last, String vendorPrefix) {
        String describe() {
            return prefix + first + "-" + prefix + last;
        }
    }

    private KeyTable(String vendor, Map<String, String> names, List<Family> families) {
        this.vendor = vendor;
        this.names = Map.copyOf(names);
        this.families = List.copyOf(families);
    }

    public static Builder builder(String vendor) {
        return new Builder(vendor);
    }

    /** The vendor's name for one key (as {@link KeySequence} gives it), if the phone has it. */
    public Optional<String> vendorName(String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        String named = names.get(upper);
        if (named != null) {
            return Optional.of(named);
        }
        Matcher m = NUMBERED.matcher(upper);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(2));
            for (Family f : families) {
                if (f.prefix.equals(m.group(1)) && n >= f.first && n <= f.last && !m.group(2).startsWith("0")) {
                    return Optional.of(f.vendorPrefix + n);
                }
            }
        }
        return Optional.empty();
    }

    /** Maps every key or throws {@link InvalidCommandException} naming the first one the phone lacks. */
    public List<String> translate(List<String> keys) {
        List<String> out = new ArrayList<>(keys.size());
        for (String key : keys) {
            out.add(vendorName(key).orElseThrow(() -> new InvalidCommandException(
                    "key " + key.toUpperCase(Locale.ROOT) + " is not a " + vendor + " key; allowed: " + describe())));
        }
        return out;
    }

    /** The accepted names, for error messages. */
    public String describe() {
        List<String> all = new ArrayList<>(names.keySet().stream().sorted().toList());
        families.forEach(f -> all.add(f.describe()));
        return String.join(" ", all);
    }

    public static final class Builder {
        private final String vendor;
        private final Map<String, String> names = new LinkedHashMap<>();
        private final List<Family> families = new ArrayList<>();

        private Builder(String vendor) {
            this.vendor = vendor;
        }

        /** The phone's key {@code vendorName}, accepted under its own name and the given aliases. */
        public Builder key(String vendorName, String... aliases) {
            names.put(vendorName.toUpperCase(Locale.ROOT), vendorName);
            for (String alias : aliases) {
                names.put(alias.toUpperCase(Locale.ROOT), vendorName);
            }
            return this;
        }

        /** Keys {@code prefix+first .. prefix+last}, sent as {@code vendorPrefix+n}. */
        public Builder numbered(String prefix, int first, int last, String vendorPrefix) {
            families.add(new Family(prefix.toUpperCase(Locale.ROOT), first, last, vendorPrefix));
            return this;
        }

        public KeyTable build() {
            return new KeyTable(vendor, names, families);
        }
    }
}
