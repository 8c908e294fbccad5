package dev.hookline.bench.liveview;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The markers whose way to the page is timed: do-not-disturb switched on or off on one of the
 * phones of the first tiles (which get no calls, so a tile's state is its DND alone), each
 * timed from the raw record's send to the tile's {@code data-state} changing (noted in the page
 * by its probes), and to the line status reaching the listener outside the browser. A phone
 * gets its next marker only once the page showed its previous one.
 */
final class Markers {

    /** A marker sent: when, to which phone, DND on or off. */
    private record Marker(long sentAtMillis, int phone, boolean dnd) {
    }

    /** Milliseconds from send to the tile (page) and to the listener (feed), each sorted; markers the page never showed. */
    record Lags(List<Long> page, List<Long> feed, int unseen) {
    }

    private final LiveViewPage page;
    private final YealinkPhones phones;
    private final FeedCounter feed;
    private final List<String> keys;
    private final boolean[] dnd;
    private final Map<Integer, Long> watching = new HashMap<>();
    private Map<Long, Marker> sent = new HashMap<>();
    private int next;
    private long nextId;

    /** @param keys the tile keys of phones 0 to n - 1, each available and in sight */
    Markers(LiveViewPage page, YealinkPhones phones, FeedCounter feed, List<String> keys) {
        this.page = page;
        this.phones = phones;
        this.feed = feed;
        this.keys = keys;
        this.dnd = new boolean[keys.size()];
    }

    /** Switches DND on the next marker phone, unless the page has not yet shown that phone's previous switch. */
    void send() {
        int marker = next;
        next = (next + 1) % keys.size();
        Long previous = watching.get(marker);
        if (previous != null && !page.seen().containsKey(previous)) {
            return;
        }
        long id = nextId++;
        dnd[marker] = !dnd[marker];
        page.watch(id, keys.get(marker), dnd[marker] ? "dnd" : "available");
        watching.put(marker, id);
        sent.put(id, new Marker(System.currentTimeMillis(), marker, dnd[marker]));
        phones.dnd(marker, dnd[marker]);
    }

    /** The lags of the markers sent since the last call; starts counting anew. */
    Lags collect() {
        Map<Long, Long> seen = page.seen();
        List<Long> pageLags = new ArrayList<>();
        List<Long> feedLags = new ArrayList<>();
        sent.forEach((id, marker) -> {
            if (seen.containsKey(id)) {
                pageLags.add(seen.get(id) - marker.sentAtMillis());
            }
            long fed = feed.lineSeen(YealinkPhones.mac(marker.phone()), marker.dnd() ? "DND" : "AVAILABLE", marker.sentAtMillis());
            if (fed >= 0) {
                feedLags.add(fed - marker.sentAtMillis());
            }
        });
        pageLags.sort(Long::compare);
        feedLags.sort(Long::compare);
        int unseen = sent.size() - pageLags.size();
        sent = new HashMap<>();
        return new Lags(pageLags, feedLags, unseen);
    }
}
