package dev.hookline.deploy.kafka;

import java.util.concurrent.ExecutionException;

/** Short, readable causes of Kafka client failures for one-line error messages. */
final class KafkaErrors {

    private KafkaErrors() {
    }

    static String cause(Throwable e) {
        Throwable root = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
