package dev.hookline.vendor;

/**
 * Where some facts of a descriptor come from and how sure they are.
 *
 * @param level  how the facts are known
 * @param about  which facts of the file, in words
 * @param source the document, product or code they come from
 */
public record Evidence(Level level, String about, String source) {

    /** How a fact is known. */
    public enum Level {
        /** A vendor manual or official page says so. */
        DOCUMENTED,
        /** Seen in real requests, or in third-party integration code that talks to the phones. */
        OBSERVED,
        /** Inferred (from a sibling product, a naming pattern), not confirmed on hardware. */
        ASSUMED
    }
}
