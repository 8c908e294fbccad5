package dev.hookline.processor.query.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What a user may do on the query port. */
public enum Role {
    /** Read the query API and the live view. */
    READ,
    /** Send commands to phones (through phone.commands.v1); includes {@link #READ}. */
    COMMAND;

    /** Roles from a comma-separated list ("read,command"); command implies read. */
    public static Set<Role> parse(String list) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : list.split(",")) {
            String wanted = name.trim().toUpperCase(Locale.ROOT);
            roles.add(Arrays.stream(values()).filter(role -> role.name().equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown role '" + name.trim() + "' (read, command)")));
        }
        if (roles.contains(COMMAND)) {
            roles.add(READ);
        }
        return roles;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
