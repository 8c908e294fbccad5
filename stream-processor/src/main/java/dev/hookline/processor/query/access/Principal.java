package dev.hookline.processor.query.access;

import java.util.Set;

/** Who made a request, and what they may do. */
public record Principal(String name, Set<Role> roles) {

    /** Everyone, when access control is off (local mode). */
    public static final Principal ANYONE = new Principal("anyone", Set.of(Role.READ, Role.COMMAND));
    /** Another processor instance, forwarding a read. */
    public static final Principal INSTANCE = new Principal("processor instance", Set.of(Role.READ));

    public boolean may(Role role) {
        return roles.contains(role);
    }
}
