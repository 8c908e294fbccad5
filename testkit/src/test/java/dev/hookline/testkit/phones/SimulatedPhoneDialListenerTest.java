package dev.hookline.testkit.phones;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SimulatedPhoneDialListenerTest {

    @Test
    void shouldTellTheListenerOfEachAcceptedDialAfterRecordingIt() {
        List<Dial> dials = new CopyOnWriteArrayList<>();
        List<String> lastDialedSeen = new CopyOnWriteArrayList<>();
        SimulatedPhone[] holder = new SimulatedPhone[1];
        try (SimulatedPhone phone = SimulatedPhone.builder("hanlong").host("127.0.0.3")
                .onDial(dial -> {
                    dials.add(dial);
                    lastDialedSeen.add(holder[0].state().lastDialed());
                }).start()) {
            holder[0] = phone;

            PhoneClient.get(phone, "/Phone_ActionURL&Command=1&Number=4003&Account=2");
            PhoneClient.get(phone, "/Phone_ActionURL&Command=1"); // no number: refused, not a dial
            PhoneClient.get(phone, "/Phone_ActionURL&Command=2");

            assertThat(dials).containsExactly(new Dial("4003", "2"));
            assertThat(lastDialedSeen).containsExactly("4003");
        }
    }
}
