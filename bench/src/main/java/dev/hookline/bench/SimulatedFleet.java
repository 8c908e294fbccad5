package dev.hookline.bench;

import dev.hookline.dispatcher.driver.Credentials;
import dev.hookline.dispatcher.driver.PhoneTarget;
import dev.hookline.schema.CommandAction;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.PhoneCommand;
import dev.hookline.testkit.phones.PhoneAuth;
import dev.hookline.testkit.phones.ReceivedRequest;
import dev.hookline.testkit.phones.SimulatedPhone;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's phones: simulated Yealink, Snom, Hanlong and Aastra phones in turn, each on its
 * own loopback address (127.3.x.y) and all on one port, sharing one Vert.x; every third phone of a
 * vendor that takes a login asks for HTTP Basic. Also what the dispatcher needs to know of them:
 * a device.state.v1 record each and a secrets file with the logins.
 */
final class SimulatedFleet implements AutoCloseable {

    /** One phone: its device id, what device.state.v1 says of it, and the simulation. */
    record Phone(int index, String deviceId, String vendor, String model, String host, Optional<Credentials> login,
                 SimulatedPhone simulation) {

        PhoneTarget target(int port) {
            return new PhoneTarget(deviceId, vendor.toLowerCase(java.util.Locale.ROOT), model, host, port);
        }
    }

    /** Vendor names as device.state.v1 may spell them; each phone's simulation speaks its vendor's dialect. */
    private static final String[] VENDOR_NAMES = {"Yealink", "Snom", "Hanlong", "Aastra"};
    private static final String[] MODELS = {"SIP-T46S", "D785", "UC862", "6867i"};
    private static final String[] OUIS = {"805ec0", "000413", "001fc1", "00085d"};

    private final Vertx vertx;
    private final List<Phone> phones;
    private final int port;

    private SimulatedFleet(Vertx vertx, List<Phone> phones, int port) {
        this.vertx = vertx;
        this.phones = phones;
        this.port = port;
    }

    static SimulatedFleet start(int count, int port) {
        if (count > 250 * 250) {
            throw new IllegalArgumentException("at most 62,500 phones (127.3.0.1 to 127.3.249.250)");
        }
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        List<Phone> phones = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                int v = i % VENDOR_NAMES.length;
                String host = "127.3." + (i / 250) + "." + (1 + i % 250);
                boolean basic = !VENDOR_NAMES[v].equals("Aastra") && (i / VENDOR_NAMES.length) % 3 == 0;
                Optional<Credentials> login = basic ? Optional.of(new Credentials("admin", "pw" + i)) : Optional.empty();
                SimulatedPhone simulation = SimulatedPhone.builder(VENDOR_NAMES[v]).vertx(vertx).host(host).port(port)
                        .auth(login.map(l -> PhoneAuth.basic(l.username(), l.password())).orElse(PhoneAuth.none()))
                        .start();
                phones.add(new Phone(i, OUIS[v] + String.format("%06x", i), VENDOR_NAMES[v], MODELS[v], host, login,
                        simulation));
            }
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
        return new SimulatedFleet(vertx, List.copyOf(phones), port);
    }

    List<Phone> phones() {
        return phones;
    }

    int port() {
        return port;
    }

    /** The dispatcher's secrets file: a device entry per phone with a login. */
    Path writeSecrets(Path directory) throws IOException {
        StringBuilder json = new StringBuilder("{\"devices\": {");
        String separator = "";
        for (Phone phone : phones) {
            if (phone.login().isPresent()) {
                json.append(separator).append("\n  \"").append(phone.deviceId()).append("\": {\"username\": \"")
                        .append(phone.login().get().username()).append("\", \"password\": \"")
                        .append(phone.login().get().password()).append("\"}");
                separator = ",";
            }
        }
        json.append("\n}}\n");
        Path file = directory.resolve("secrets.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    long withLogin() {
        return phones.stream().filter(phone -> phone.login().isPresent()).count();
    }

    static DeviceState deviceState(Phone phone) {
        Instant now = Instant.now();
        return DeviceState.newBuilder()
                .setDeviceId(phone.deviceId())
                .setVendor(phone.vendor())
                .setModel(phone.model())
                .setIp(phone.host())
                .setHook(dev.hookline.schema.HookState.UNKNOWN)
                .setFirstSeen(now)
                .setLastSeen(now)
                .build();
    }

    /** Command k of a run goes to phone k mod phones: DIAL, SEND_KEYS and HANGUP in turn. */
    Phone phoneOf(int k) {
        return phones.get(k % phones.size());
    }

    static PhoneCommand command(String run, int k, Phone phone, Instant requestedAt) {
        PhoneCommand.Builder command = PhoneCommand.newBuilder()
                .setCommandId(run + "-" + k)
                .setDeviceId(phone.deviceId())
                .setRequestedAt(requestedAt)
                .setExpiresAt(requestedAt.plus(Duration.ofMinutes(5)))
                .setRequestedBy("bench");
        return switch (k % 3) {
            case 0 -> command.setAction(CommandAction.DIAL).setNumber(String.format("2%03d", k % 1000)).build();
            // Hanlong phones take one key a request.
            case 1 -> command.setAction(CommandAction.SEND_KEYS).setKeys(phone.vendor().equals("Hanlong") ? "OK" : "12#").build();
            default -> command.setAction(CommandAction.HANGUP).build();
        };
    }

    /** How many requests each phone has received so far. */
    int[] requestCounts() {
        int[] counts = new int[phones.size()];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = phones.get(i).simulation().requests().size();
        }
        return counts;
    }

    /**
     * When each of a run's commands reached its phone: a phone serves its commands one at a time in
     * order, so the n-th request a phone received in the run is its n-th command of the run.
     *
     * @param before {@link #requestCounts()} before the run
     * @return milliseconds since the epoch per command, or -1 where the phone's count of requests
     *         differs from its count of commands (then nothing of that phone is matched)
     */
    long[] arrivals(int commands, int[] before) {
        long[] arrived = new long[commands];
        java.util.Arrays.fill(arrived, -1);
        List<List<Integer>> byPhone = new ArrayList<>();
        phones.forEach(phone -> byPhone.add(new ArrayList<>()));
        for (int k = 0; k < commands; k++) {
            byPhone.get(k % phones.size()).add(k);
        }
        for (Phone phone : phones) {
            List<ReceivedRequest> all = phone.simulation().requests();
            List<ReceivedRequest> received = all.subList(before[phone.index()], all.size());
            List<Integer> sent = byPhone.get(phone.index());
            if (received.size() == sent.size()) {
                for (int n = 0; n < sent.size(); n++) {
                    arrived[sent.get(n)] = received.get(n).receivedAt().toEpochMilli();
                }
            }
        }
        return arrived;
    }

    @Override
    public void close() {
        try {
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the phones did not stop within 10 s", e);
        }
    }
}
