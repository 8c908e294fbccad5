package dev.hookline.processor.query.access;

import io.vertx.ext.auth.hashing.HashingStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The users and tokens allowed on the query port, from a file that holds only hashes:
 * <pre>
 * # kind  name     roles          hash of the password or token
 * user    alice    read,command   $pbkdf2$it=210000$...$...
 * token   grafana  read           $pbkdf2$it=1000$...$...
 * </pre>
 * A user signs in with HTTP Basic (name and password), a token is sent as
 * {@code Authorization: Bearer <token>}. Hashes are Vert.x's {@link HashingStrategy} strings
 * (PBKDF2 with HMAC-SHA512): {@code hookline users add} writes them.
 */
public final class UsersFile {

    /** Enough to make guessing a stolen file's passwords slow; tokens are random, fewer do. */
    static final int PASSWORD_ITERATIONS = 210_000;
    static final int TOKEN_ITERATIONS = 1_000;
    private static final HashingStrategy HASHING = HashingStrategy.load();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One line of the file. */
    record Entry(Kind kind, String name, Set<Role> roles, String hash) {
    }

    enum Kind { USER, TOKEN }

    private final List<Entry> entries;

    private UsersFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads the file; a line it cannot use is an error naming the file and line (never the hash). */
    public static UsersFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the users file " + file + ": " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String where = file + " line " + (i + 1);
            if (parts.length != 4) {
                throw new IllegalArgumentException(where + ": expected 'user|token NAME ROLES HASH' (4 fields), found "
                        + parts.length);
            }
            Kind kind = switch (parts[0]) {
                case "user" -> Kind.USER;
                case "token" -> Kind.TOKEN;
                default -> throw new IllegalArgumentException(where + ": '" + parts[0] + "' is neither user nor token");
            };
            if (!parts[3].startsWith("$")) {
                throw new IllegalArgumentException(where + ": the last field must be a hash as 'hookline users add' "
                        + "prints it, not a password");
            }
            try {
                entries.add(new Entry(kind, parts[1], Role.parse(parts[2]), parts[3]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return new UsersFile(entries);
    }

    public int size() {
        return entries.size();
    }

    /** The user with this name and password, if both match. */
    public Optional<Principal> user(String name, String password) {
        return entries.stream()
                .filter(entry -> entry.kind() == Kind.USER && entry.name().equals(name))
                .filter(entry -> verify(entry.hash(), password))
                .findFirst()
                .map(entry -> new Principal(entry.name(), entry.roles()));
    }

    /** The token's holder, if it is one of the file's tokens. */
    public Optional<Principal> token(String token) {
        return entries.stream()
                .filter(entry -> entry.kind() == Kind.TOKEN)
                .filter(entry -> verify(entry.hash(), token))
                .findFirst()
                .map(entry -> new Principal(entry.name(), entry.roles()));
    }

    private static boolean verify(String hash, String secret) {
        try {
            return HASHING.verify(hash, secret);
        } catch (RuntimeException malformed) {
            return false;
        }
    }

    /** The hash of a user's password, as the file holds it. */
    public static String hashPassword(String password) {
        return hash(password, PASSWORD_ITERATIONS);
    }

    /** The hash of a token, as the file holds it. */
    public static String hashToken(String token) {
        return hash(token, TOKEN_ITERATIONS);
    }

    /** A new random token: 32 bytes, URL-safe Base64. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String secret, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return HASHING.hash("pbkdf2", Map.of("it", Integer.toString(iterations)),
                Base64.getEncoder().withoutPadding().encodeToString(salt), secret);
    }
}
