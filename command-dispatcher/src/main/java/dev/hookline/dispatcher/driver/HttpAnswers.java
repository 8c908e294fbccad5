package dev.hookline.dispatcher.driver;

import dev.hookline.schema.CommandStatus;

/** The reading of a phone's HTTP status shared by every driver (the Action URI APIs answer with the status alone). */
public final class HttpAnswers {

    private HttpAnswers() {
    }

    /**
     * 2xx delivered; 401 bad credentials; 403 refused (Action URI off, or this host not in the
     * phone's allow list); 5xx worth a retry; anything else failed.
     *
     * @param redirectDelivers whether this vendor answers an accepted command with 302 (Snom)
     */
    public static PhoneAnswer read(int httpStatus, boolean redirectDelivers) {
        String detail = "HTTP " + httpStatus;
        if (httpStatus >= 200 && httpStatus < 300) {
            return new PhoneAnswer(CommandStatus.DELIVERED, detail);
        }
        if (httpStatus == 302 && redirectDelivers) {
            return new PhoneAnswer(CommandStatus.DELIVERED, detail);
        }
        if (httpStatus == 401) {
            return new PhoneAnswer(CommandStatus.AUTH_FAILED, detail);
        }
        if (httpStatus == 403) {
            return new PhoneAnswer(CommandStatus.REJECTED, detail);
        }
        if (httpStatus >= 500 && httpStatus < 600) {
            return new PhoneAnswer(null, detail);
        }
        return new PhoneAnswer(CommandStatus.FAILED, detail);
    }
}
