package io.darkscope.web;

/** A request the server refuses, with the HTTP status and the message of its JSON body {"error": ...}. */
final class ApiError extends RuntimeException {
    private final int status;

    ApiError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** A parameter the endpoint cannot take as given: names it, its value and what is allowed. */
    static ApiError badParameter(String name, String value, String problem, String allowed) {
        return new ApiError(400, "parameter '" + name + "'" + (value == null ? "" : " = '" + value + "'") + ": " + problem
                + (allowed == null ? "" : "; allowed: " + allowed));
    }

    int status() {
        return status;
    }
}
