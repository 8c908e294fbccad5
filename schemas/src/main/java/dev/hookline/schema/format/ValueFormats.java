package dev.hookline.schema.format;

import dev.hookline.schema.TopicSpec;
import dev.hookline.schema.Topics;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * A deployment's value formats: one for all topics, optionally another for some, and the
 * schema registry when a format needs one. Gives each topic its codec, which writes the topic's
 * format and reads all of them.
 */
public final class ValueFormats {

    private static final ValueFormats SINGLE_OBJECT = new ValueFormats(ValueFormat.AVRO_SINGLE_OBJECT, Map.of(), Optional.empty());

    private final ValueFormat all;
    private final Map<String, ValueFormat> byTopic;
    private final Optional<RegistryClient> registry;
    private final Map<String, TopicValueCodec<?>> codecs = new ConcurrentHashMap<>();

    private ValueFormats(ValueFormat all, Map<String, ValueFormat> byTopic, Optional<RegistryClient> registry) {
        this.all = all;
        this.byTopic = Map.copyOf(byTopic);
        this.registry = registry;
    }

    /** Today's default: every topic in Avro's single-object encoding, no registry (it still reads JSON). */
    public static ValueFormats singleObject() {
        return SINGLE_OBJECT;
    }

    /**
     * The formats of a deployment.
     *
     * @param all      the format of every topic not in byTopic
     * @param byTopic  formats of single topics, by their catalogue name (without a prefix)
     * @param registry the registry to use, needed when any topic is avro-registry; it also lets
     *                 readers read avro-registry values of other writers
     */
    public static ValueFormats of(ValueFormat all, Map<String, ValueFormat> byTopic, Optional<RegistrySettings> registry) {
        for (String topic : byTopic.keySet()) {
            if (Topics.byName(topic, "").isEmpty()) {
                throw new IllegalArgumentException("no topic " + topic + " in the catalogue; known: "
                        + Topics.ALL.stream().map(TopicSpec::name).toList());
            }
        }
        boolean needsRegistry = all == ValueFormat.AVRO_REGISTRY || byTopic.containsValue(ValueFormat.AVRO_REGISTRY);
        if (needsRegistry && registry.isEmpty()) {
            throw new IllegalArgumentException("the avro-registry format needs a schema registry: set registry.url");
        }
        return new ValueFormats(all, new LinkedHashMap<>(byTopic), registry.map(RegistryClient::new));
    }

    /** Every topic in one format; registry may be empty unless format is avro-registry. */
    public static ValueFormats of(ValueFormat format, Optional<RegistrySettings> registry) {
        return of(format, Map.of(), registry);
    }

    /** The format topic's values are written in. */
    public ValueFormat formatOf(TopicSpec<?> topic) {
        return byTopic.getOrDefault(topic.name(), all);
    }

    public Optional<RegistryClient> registry() {
        return registry;
    }

    /** The codec of a topic: writes its format, reads all. */
    @SuppressWarnings("unchecked")
    public <V extends SpecificRecord> ValueCodec<V> codec(TopicSpec<V> topic) {
        return (ValueCodec<V>) codecs.computeIfAbsent(topic.name(),
                name -> new TopicValueCodec<>(formatOf(topic), topic.valueSerde(), registry));
    }

    /**
     * Checks at a service's start what it will need, so that a missing registry or schema is one
     * clear error then rather than a failure per record later: the registry answers, and each
     * avro-registry topic the service writes has its schema under {@code <topic>-value}
     * (registered, unless registry.auto.register is false).
     *
     * @param prefix  the deployment's topic prefix
     * @param written the topics the service writes
     */
    public void prepare(String prefix, Collection<? extends TopicSpec<?>> written) {
        if (registry.isEmpty()) {
            return;
        }
        registry.get().check();
        for (TopicSpec<?> topic : written) {
            if (formatOf(topic) == ValueFormat.AVRO_REGISTRY) {
                ((TopicValueCodec<?>) codec(topic)).registry().orElseThrow().prepare(topic.name(prefix));
            }
        }
    }

    @Override
    public String toString() {
        return "ValueFormats[all=" + all + (byTopic.isEmpty() ? "" : ", byTopic=" + byTopic)
                + ", registry=" + registry.map(client -> client.settings().toString()).orElse("none") + "]";
    }
}
