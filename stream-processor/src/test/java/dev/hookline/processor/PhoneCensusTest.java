package dev.hookline.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hookline.processor.state.PhoneState;
import dev.hookline.schema.DeviceState;
import dev.hookline.schema.HookState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counting behind hookline_processor_phones and hookline_processor_phones_silent: a function of the phones and a time. */
class PhoneCensusTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration AFTER = Duration.ofMinutes(15);

    @Test
    void shouldCountThePhonesLastSeenLongerAgoThanTheSettingAsSilent() {
        List<PhoneState> phones = List.of(
                seen("805ec0000001", NOW.minusSeconds(5)),
                seen("805ec0000002", NOW.minus(AFTER).minusMillis(1)),
                seen("805ec0000003", NOW.minus(Duration.ofDays(2))),
                seen("805ec0000004", NOW.minus(AFTER).plusMillis(1)));

        assertThat(PhoneCensus.count(phones::forEach, NOW, AFTER)).isEqualTo(new PhoneCensus.Count(4, 2));
    }

    @Test
    void shouldNotCountAPhoneSeenExactlyTheSettingAgoAsSilent() {
        List<PhoneState> phones = List.of(seen("805ec0000001", NOW.minus(AFTER)));

        assertThat(PhoneCensus.count(phones::forEach, NOW, AFTER)).isEqualTo(new PhoneCensus.Count(1, 0));
    }

    @Test
    void shouldCountAPhoneWithoutDeviceStateButNotAsSilent() {
        List<PhoneState> phones = List.of(PhoneState.empty("805ec0000001"), seen("805ec0000002", NOW.minus(Duration.ofHours(1))));

        assertThat(PhoneCensus.count(phones::forEach, NOW, AFTER)).isEqualTo(new PhoneCensus.Count(2, 1));
    }

    @Test
    void shouldCountNothingInAnEmptyStore() {
        assertThat(PhoneCensus.count(List.<PhoneState>of()::forEach, NOW, AFTER)).isEqualTo(PhoneCensus.Count.NONE);
    }

    @Test
    void shouldFollowTheTimeItIsGiven() {
        List<PhoneState> phones = List.of(seen("805ec0000001", NOW));

        assertThat(PhoneCensus.count(phones::forEach, NOW.plus(AFTER), AFTER).silent()).isZero();
        assertThat(PhoneCensus.count(phones::forEach, NOW.plus(AFTER).plusSeconds(1), AFTER).silent()).isOne();
    }

    @Test
    void shouldReadTheSilenceThresholdFromItsSettingFifteenMinutesByDefault() {
        assertThat(new ProcessorConfig(Map.of()).silentAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(new ProcessorConfig(Map.of(ProcessorConfig.PHONES_SILENT_AFTER_MS, "60000")).silentAfter())
                .isEqualTo(Duration.ofMinutes(1));
    }

    private static PhoneState seen(String deviceId, Instant lastSeen) {
        DeviceState device = DeviceState.newBuilder().setDeviceId(deviceId).setHook(HookState.ON)
                .setFirstSeen(lastSeen.minus(Duration.ofDays(30))).setLastSeen(lastSeen).build();
        return PhoneState.empty(deviceId).withPresence(device, List.of());
    }
}
