package dev.hookline.bench.liveview;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Calls from outside to random phones at a fixed offered rate of raw events: each call is
 * {@code incoming_call}, {@code call_established} 1 s later and {@code call_terminated} 2 s after
 * that, on a phone that has no other call, so calls start at a third of the rate and, after the
 * first 3 s, as many calls are in progress as events are offered per second. Paced in 10 ms ticks
 * on its own thread; after {@link #run}'s duration no call starts and the calls in progress end.
 */
final class CallTraffic {

    static final long CALL_MILLIS = 3_000;
    private static final String[] STEPS = {"incoming_call", "call_established", "call_terminated"};
    private static final long[] STEP_AT_MILLIS = {0, 1_000, CALL_MILLIS};

    private record Step(long dueNanos, int phone, long call, int index) {
    }

    private final YealinkPhones phones;
    private final ArrayDeque<Integer> idle = new ArrayDeque<>();
    private final PriorityQueue<Step> due = new PriorityQueue<>((a, b) -> Long.compare(a.dueNanos(), b.dueNanos()));
    private final AtomicLong sent = new AtomicLong();
    private long nextCall;

    /** Calls go to phones {@code first} to {@code count - 1} (the phones before are the markers'). */
    CallTraffic(YealinkPhones phones, int first, int count, long seed) {
        this.phones = phones;
        List<Integer> shuffled = new ArrayList<>();
        for (int phone = first; phone < count; phone++) {
            shuffled.add(phone);
        }
        Collections.shuffle(shuffled, new Random(seed));
        idle.addAll(shuffled);
    }

    /** Starts the traffic on its own thread; it ends by itself, every call finished, about 3 s after {@code seconds}. */
    Thread start(int rate, int seconds) {
        Thread thread = new Thread(() -> run(rate, seconds), "bench-calls-" + rate);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private void run(int rate, int seconds) {
        long start = System.nanoTime();
        long stopStarting = start + TimeUnit.SECONDS.toNanos(seconds);
        long started = 0;
        try {
            while (true) {
                long now = System.nanoTime();
                if (now < stopStarting) {
                    long shouldHaveStarted = (now - start) * rate / 3 / 1_000_000_000L;
                    for (; started < shouldHaveStarted && !idle.isEmpty(); started++) {
                        due.add(new Step(now, idle.poll(), nextCall++, 0));
                    }
                } else if (due.isEmpty()) {
                    return;
                }
                while (!due.isEmpty() && due.peek().dueNanos() <= now) {
                    send(due.poll());
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(Step step) {
        phones.callEvent(step.phone(), STEPS[step.index()], step.call());
        sent.incrementAndGet();
        int next = step.index() + 1;
        if (next < STEPS.length) {
            long dueNanos = step.dueNanos() + TimeUnit.MILLISECONDS.toNanos(STEP_AT_MILLIS[next] - STEP_AT_MILLIS[step.index()]);
            due.add(new Step(dueNanos, step.phone(), step.call(), next));
        } else {
            idle.add(step.phone());
        }
    }

    /** Raw events sent so far. */
    long sent() {
        return sent.get();
    }
}
