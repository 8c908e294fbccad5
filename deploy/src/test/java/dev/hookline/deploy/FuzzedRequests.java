package dev.hookline.deploy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Hostile and broken requests for the fuzz flood, from a seed: random bytes, huge URIs, bad
 * percent-encodings and non-UTF-8 bytes, unknown vendors and events, header floods, wrong methods
 * and versions, bad bodies. Every one carries a unique nonce, so none is a duplicate of another.
 */
final class FuzzedRequests {

    /** What a fuzzed request is, and so what the gateway may answer. */
    enum Kind {
        GARBAGE, HUGE_URI, BAD_ENCODING, NON_UTF8, UNKNOWN_VENDOR, NO_EVENT, HEADER_FLOOD, BAD_METHOD, BAD_VERSION,
        BAD_XML_BODY, NO_CONTENT_LENGTH, CONTROL_CHARS
    }

    record Fuzzed(Kind kind, byte[] bytes) {
    }

    private final Random random;

    FuzzedRequests(long seed) {
        this.random = new Random(seed);
    }

    Fuzzed next(int nonce) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        String mac = String.format("0015650f%04x", random.nextInt(0x10000));
        String tail = " HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n";
        return new Fuzzed(kind, switch (kind) {
            case GARBAGE -> {
                byte[] noise = new byte[1 + random.nextInt(1500)];
                random.nextBytes(noise);
                yield concat(noise, ("\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            case HUGE_URI -> ascii("GET /yealink/incoming_call?mac=" + mac + "&n=" + nonce + "&x="
                    + "A".repeat(3000 + random.nextInt(20_000)) + tail);
            case BAD_ENCODING -> ascii("GET /yealink/incoming_call?mac=" + mac + "&remote=%zz%&display_remote=%E0%A4%"
                    + "&call_id=%" + "&n=" + nonce + tail);
            case NON_UTF8 -> concat(ascii("GET /snom/incoming?mac=" + mac + "&n=" + nonce + "&remote="),
                    new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28}, ascii(tail));
            case UNKNOWN_VENDOR -> ascii("GET /acme" + random.nextInt(100) + "/frobnicate?mac=" + mac + "&n=" + nonce + tail);
            case NO_EVENT -> ascii("GET /?n=" + nonce + tail);
            case HEADER_FLOOD -> ascii("GET /yealink/off_hook?mac=" + mac + "&n=" + nonce + " HTTP/1.1\r\n"
                    + "X-Flood: ".repeat(1) + "y".repeat(100) + "\r\n" + ("X-Flood: " + "y".repeat(100) + "\r\n").repeat(200)
                    + "Connection: close\r\n\r\n");
            case BAD_METHOD -> ascii("DELETE /yealink/off_hook?mac=" + mac + "&n=" + nonce + tail);
            case BAD_VERSION -> ascii("GET /yealink/off_hook?mac=" + mac + "&n=" + nonce + " HTTP/9.9\r\nHost: gw\r\n\r\n");
            case BAD_XML_BODY -> {
                String body = "<PolycomIPPhone><IncomingCallEvent><CallingPartyNumber>" + nonce + "<<</";
                yield ascii("POST /polycom?n=" + nonce + " HTTP/1.1\r\nHost: gw\r\nContent-Type: application/xml\r\n"
                        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
            }
            case NO_CONTENT_LENGTH -> ascii("POST /polycom?n=" + nonce + " HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n<x/>");
            case CONTROL_CHARS -> ascii("GET /yealink/off_hook?mac=" + mac + "&n=" + nonce + "&remote=\u0001\u0007\u001b[31m"
                    + tail);
        });
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
