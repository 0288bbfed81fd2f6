package io.darkscope.analysis.scan;

/**
 * Part of a sorted run of {@link ScanRecord}s, encoded by {@link RecordWriter}: whole sources only,
 * decodable on its own, so that a query can read the sources it needs.
 *
 * @param firstSource the first record's source
 * @param lastSource  the last record's source
 * @param records     how many records
 */
record Chunk(byte[] bytes, int firstSource, int lastSource, int records) {
}
