package dev.hookline.dispatcher.http;

/** A phone's HTTP answer: status and (bounded) body text. */
public record PhoneReply(int status, String body) {
}
