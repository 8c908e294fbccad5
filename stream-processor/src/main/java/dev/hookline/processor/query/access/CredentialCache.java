package dev.hookline.processor.query.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials verified recently, so that a page polling the API does not pay a slow password
 * hash per request. Keyed by the SHA-256 of the Authorization header (the header itself is
 * never kept), bounded in size and age.
 */
final class CredentialCache {

    private record Verified(Principal principal, long atNanos) {
    }

    private final int capacity;
    private final long maxAgeNanos;
    private final Map<String, Verified> entries;

    CredentialCache(int capacity, long maxAgeNanos) {
        this.capacity = capacity;
        this.maxAgeNanos = maxAgeNanos;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
                return size() > CredentialCache.this.capacity;
            }
        };
    }

    synchronized Optional<Principal> get(String header) {
        String key = digest(header);
        Verified verified = entries.get(key);
        if (verified == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - verified.atNanos() > maxAgeNanos) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(verified.principal());
    }

    synchronized void put(String header, Principal principal) {
        entries.put(digest(header), new Verified(principal, System.nanoTime()));
    }

    private static String digest(String header) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(header.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
