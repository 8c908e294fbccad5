package dev.hookline.processor;

import dev.hookline.processor.identity.AddressedEvent;
import dev.hookline.processor.normalize.NormalizeResult;
import dev.hookline.processor.normalize.Normalizer;
import dev.hookline.schema.DeadLetter;
import dev.hookline.schema.PhoneEvent;
import dev.hookline.schema.RawPhoneRequest;
import dev.hookline.schema.format.ValueCodec;
import dev.hookline.schema.RawRef;
import dev.hookline.schema.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw requests in, normalized events out (with the request's tenant and source address, for the
 * identify step); whatever cannot be understood goes to the dead-letter
 * topic with the reason, never silently nowhere. Dead letters carry Kafka Streams' own
 * {@code __streams.errors.*} headers (KIP-1034), so they look like the built-in ones.
 */
final class NormalizeProcessor implements Processor<String, byte[], String, Object> {

    private static final Logger LOG = LoggerFactory.getLogger(NormalizeProcessor.class);

    private final Normalizer normalizer;
    /** phone.raw.v1's values, in any format. */
    private final ValueCodec<RawPhoneRequest> rawValues;
    private final ProcessorMetrics metrics;
    private ProcessorContext<String, Object> context;

    NormalizeProcessor(Normalizer normalizer, ValueCodec<RawPhoneRequest> rawValues, ProcessorMetrics metrics) {
        this.normalizer = normalizer;
        this.rawValues = rawValues;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata meta = context.recordMetadata().orElseThrow();
        RawRef ref = new RawRef(meta.topic(), meta.partition(), meta.offset());
        RawPhoneRequest raw;
        try {
            raw = rawValues.decode(meta.topic(), record.value());
        } catch (SerializationException e) {
            deadLetter(record, ref, null, "UNDECODABLE_VALUE", e.getMessage(), e);
            return;
        }
        if (raw == null) {
            deadLetter(record, ref, null, "EMPTY_VALUE", "a record without a value (tombstone) on " + meta.topic(), null);
            return;
        }
        NormalizeResult result;
        try {
            result = normalizer.normalize(raw, ref);
        } catch (RuntimeException bug) {
            LOG.error("Normalizing {} failed; sent to the dead-letter topic", ref, bug);
            deadLetter(record, ref, raw, "INTERNAL_ERROR", "the normalizer failed: " + bug, bug);
            return;
        }
        if (result instanceof NormalizeResult.Normalized normalized) {
            for (PhoneEvent event : normalized.events()) {
                context.forward(new Record<String, Object>(event.getDeviceId(),
                        new AddressedEvent(event, raw.getTenant(), raw.getSourceAddress()),
                        event.getOccurredAt().toEpochMilli(), record.headers()), ProcessorTopology.IDENTIFY);
            }
        } else if (result instanceof NormalizeResult.Rejected rejected) {
            deadLetter(record, ref, raw, rejected.errorCode(), rejected.reason(), null);
        }
    }

    private void deadLetter(Record<String, byte[]> record, RawRef ref, RawPhoneRequest raw, String code, String reason,
                            Throwable error) {
        metrics.deadLetter(code);
        DeadLetter letter = DeadLetter.newBuilder()
                .setReason(reason)
                .setErrorCode(code)
                .setFailedAt(Instant.ofEpochMilli(context.currentSystemTimeMs()))
                .setSourceTopic(ref.getTopic())
                .setSourcePartition(ref.getPartition())
                .setSourceOffset(ref.getOffset())
                .setRequest(raw)
                .setRawValue(raw == null && record.value() != null ? ByteBuffer.wrap(record.value()) : null)
                .build();
        RecordHeaders headers = new RecordHeaders();
        headers.add("__streams.errors.exception", utf8(error == null ? code : error.getClass().getName()));
        headers.add("__streams.errors.message", utf8(reason));
        headers.add("__streams.errors.topic", utf8(ref.getTopic()));
        headers.add("__streams.errors.partition", utf8(Integer.toString(ref.getPartition())));
        headers.add("__streams.errors.offset", utf8(Long.toString(ref.getOffset())));
        String key = record.key() != null ? record.key() : raw != null ? "ip-" + raw.getSourceAddress() : "unknown";
        context.forward(new Record<String, Object>(key, letter, record.timestamp(), headers), ProcessorTopology.DLQ_SINK);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
