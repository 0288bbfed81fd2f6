package io.darkscope.sensor;

/** A sensor cannot start or go on: the message says why in a user's words. */
public final class SensorException extends Exception {
    public SensorException(String message, Throwable cause) {
        super(message, cause);
    }
}
