package dev.hookline.testkit.phones;

/**
 * One command dialect's Action URI as a simulated phone serves it: reads a request, updates the
 * phone's state, answers. Endpoints are plug-ins: each is listed in
 * {@code META-INF/services/dev.hookline.testkit.phones.ActionUriEndpoint} and found with
 * {@link java.util.ServiceLoader} (public class, public no-argument constructor). One instance
 * serves every phone of its dialect, so it keeps no state of its own: the phone's is passed in.
 */
public interface ActionUriEndpoint {

    /** The command dialect served, as vendor descriptors name it in {@code actionUri.dialect}. */
    String dialect();

    /** Answers one request that passed authentication, updating {@code phone}'s state. */
    PhoneReply handle(ReceivedRequest request, PhoneSetup phone);
}
