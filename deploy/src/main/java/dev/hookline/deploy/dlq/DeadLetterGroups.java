package dev.hookline.deploy.dlq;

import dev.hookline.schema.DeadLetter;
import dev.hookline.schema.RawPhoneRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Dead letters grouped by error code and {@link RequestShape}, most frequent first, each group
 * with one example: what the phones send that is not read yet, at a glance.
 */
public final class DeadLetterGroups {

    /** Values of these parameters are never shown: phones sometimes carry credentials in URLs. */
    private static final Pattern SECRET = Pattern.compile(
            "(?i)((?:^|[?&;/])(?:token|password|passwd|pwd|pass|secret|auth|key)=)[^&;]*");

    /**
     * One group.
     *
     * @param code     the dead letter's error code
     * @param shape    the request shape
     * @param count    how many dead letters have both
     * @param example  the first one's request target (secrets masked), or its raw bytes' size
     * @param userAgent the first one's User-Agent, or null
     * @param reason   the first one's reason
     * @param lastAt   when the newest of the group failed
     */
    public record Group(String code, String shape, long count, String example, String userAgent, String reason,
                        Instant lastAt) {
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private long total;

    public void add(DeadLetter letter) {
        total++;
        RawPhoneRequest request = letter.getRequest();
        String shape = request == null ? "(undecodable record)" : RequestShape.of(request);
        String code = letter.getErrorCode() == null ? "" : letter.getErrorCode();
        groups.merge(code + "\u0000" + shape, first(letter, code, shape), (old, added) -> new Group(old.code(),
                old.shape(), old.count() + 1, old.example(), old.userAgent(), old.reason(),
                added.lastAt().isAfter(old.lastAt()) ? added.lastAt() : old.lastAt()));
    }

    private static Group first(DeadLetter letter, String code, String shape) {
        RawPhoneRequest r = letter.getRequest();
        String example = r == null
                ? letter.getRawValue() == null ? "(no value)" : letter.getRawValue().remaining() + " bytes that are not a request"
                : masked(r.getPath() + (r.getQuery() == null ? "" : "?" + r.getQuery()));
        return new Group(code, shape, 1, example, r == null ? null : r.getUserAgent(), letter.getReason(),
                letter.getFailedAt());
    }

    static String masked(String target) {
        return SECRET.matcher(target).replaceAll("$1***");
    }

    /** How many dead letters were added. */
    public long total() {
        return total;
    }

    /** The {@code limit} largest groups (all with 0), largest first; ties by shape. */
    public List<Group> top(int limit) {
        List<Group> all = new ArrayList<>(groups.values());
        all.sort(Comparator.comparingLong(Group::count).reversed().thenComparing(Group::shape).thenComparing(Group::code));
        return limit > 0 && all.size() > limit ? all.subList(0, limit) : all;
    }

    /** How many groups there are. */
    public int size() {
        return groups.size();
    }
}
