package dev.hookline.dispatcher.driver;

/** Vendor descriptors as a user writes them into {@code vendors.dir}. */
final class UserVendors {

    private UserVendors() {
    }

    /** The smallest descriptor of {@code vendor}, whose phones speak {@code dialect}. */
    static String descriptor(String vendor, String dialect) {
        return "{\"vendor\": \"" + vendor + "\", \"title\": \"Acme desk phones\","
                + " \"recognize\": {\"pathSegments\": [\"" + vendor + "\"]},"
                + " \"evidence\": [{\"level\": \"observed\", \"about\": \"everything\", \"source\": \"a test\"}],"
                + " \"reading\": {\"events\": {\"INCOMING_CALL\": [\"ring\"]}},"
                + " \"actionUri\": {\"dialect\": \"" + dialect + "\"}}";
    }
}
