package dev.hookline.testkit.sim;

import dev.hookline.schema.EventType;
import dev.hookline.vendor.VendorDescriptor;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the simulator knows of one vendor, given by the caller: in practice the vendor's
 * descriptor (its {@code simulator} section and MAC prefix, {@link #of}) and the Action URLs
 * provisioning configures from it, so the testkit holds no vendor knowledge of its own.
 *
 * @param vendor the vendor's name, e.g. {@code yealink}
 * @param urls the Action URLs its phones are configured to send
 * @param phone what its phones present
 */
public record VendorTemplates(String vendor, List<UrlTemplate> urls, PhoneModel phone) {

    public VendorTemplates {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(vendor + " has no Action URLs");
        }
    }

    /**
     * The templates of {@code vendor}'s descriptor: its phones send {@code urls} and present what its
     * {@code simulator} section says.
     *
     * @throws IllegalArgumentException when the descriptor has no {@code simulator} or {@code actionUri} section
     */
    public static VendorTemplates of(VendorDescriptor vendor, List<UrlTemplate> urls) {
        return new VendorTemplates(vendor.vendor(), urls, PhoneModel.of(vendor));
    }

    /** The canonical types the vendor can report. */
    public Set<EventType> types() {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        urls.forEach(u -> types.addAll(u.canonical()));
        return types;
    }

    /**
     * The URL the phone sends for {@code type}: one that stands for that type alone when there
     * is one (Aastra's {@code registered} rather than its {@code registration_event}), else the first that includes it.
     */
    public Optional<UrlTemplate> urlFor(EventType type) {
        return urls.stream().filter(u -> u.canonical().equals(List.of(type))).findFirst()
                .or(() -> urls.stream().filter(u -> u.canonical().contains(type)).findFirst());
    }
}
