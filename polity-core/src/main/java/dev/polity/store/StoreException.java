package dev.polity.store;

/** The store failed (the database went away, a disk filled up). The message is one line naming the store. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
