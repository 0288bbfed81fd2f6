package io.darkscope.store;

/** The store cannot be opened, read or written; the message says why in the user's terms. */
public final class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
