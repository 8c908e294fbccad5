package dev.hookline.gateway.http;

import java.time.Duration;

/** Bounds on what one request may be; past them the gateway answers 414, 431, 413 or 408. */
public record HttpLimits(int maxUriLength, int maxHeaderBytes, int maxBodyBytes, Duration requestTimeout) {
}
