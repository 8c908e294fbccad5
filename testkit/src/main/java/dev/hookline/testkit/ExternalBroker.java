package dev.hookline.testkit;

/** A broker someone else runs (CI, a developer's own): we only connect, and never stop it. */
record ExternalBroker(String bootstrapServers) implements RunningBroker {

    @Override
    public BrokerSource source() {
        return BrokerSource.EXTERNAL;
    }

    @Override
    public void stop() {
        // Not ours to stop.
    }
}
