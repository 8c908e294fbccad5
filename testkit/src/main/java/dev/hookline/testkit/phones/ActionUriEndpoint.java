package dev.hookline.testkit.phones;

/** One vendor's Action URI as a simulated phone serves it: reads a request, updates the state, answers. */
interface ActionUriEndpoint {

    /** Called for authenticated requests only. */
    PhoneReply handle(ReceivedRequest request);
}
