package dev.hookline.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands tests the JVM's shared {@link KafkaBroker} as a constructor or method parameter, and
 * stops it when the whole test run ends. Use it through {@link WithKafka}.
 */
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver {

    private static final Namespace NAMESPACE = Namespace.create(KafkaExtension.class);

    /** Starts the broker before the class's tests, so its start-up is not charged to the first test. */
    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker(context);
    }

    /**
     * The root context's store lives as long as the test run; JUnit closes its AutoCloseable
     * values once, at the end, which is when the broker must stop.
     */
    private static KafkaBroker broker(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(BrokerLease.class, type -> new BrokerLease(KafkaBroker.shared()), BrokerLease.class)
                .broker();
    }

    /** Stored in the root store; its close() is JUnit's cue to stop the broker. */
    private record BrokerLease(KafkaBroker broker) implements AutoCloseable {
        @Override
        public void close() {
            broker.close();
        }
    }
}
