package dev.hookline.gateway.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Bytes off the wire as text without losing any: UTF-8 when they are UTF-8, else ISO-8859-1. */
final class Texts {

    private Texts() {
    }

    static String decode(byte[] bytes) {
        if (isAscii(bytes)) {
            // The common case, and the cheapest: ASCII is the same in both charsets.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException notUtf8) {
            // ISO-8859-1 maps every byte to one char, so nothing is dropped.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
