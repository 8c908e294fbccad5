package dev.hookline.dispatcher.driver;

/** What a vendor driver makes of one command: a request to send, or a reason not to send anything. */
public sealed interface Translation {

    /** Send this request. */
    record Send(PhoneHttpRequest request) implements Translation {}

    /** The vendor's phones cannot do this action (result UNSUPPORTED, nothing sent). */
    record Unsupported(String reason) implements Translation {}

    /** The command's number, keys or account are not valid for this vendor (result INVALID, nothing sent). */
    record Invalid(String reason) implements Translation {}
}
