package io.darkscope.analysis.scan;

/** Takes records in order, each only for the call: the record is reused. {@code E} is what it may throw. */
interface RecordSink<E extends Exception> {
    void record(ScanRecord r) throws E;
}
