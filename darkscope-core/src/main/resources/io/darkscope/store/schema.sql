-- darkscope store, schema version 4. Every table is plain SQL: open the file with DuckDB and query it.
-- Days are calendar days in the store's time zone (meta 'timezone'). Counts are exact.
-- The analyses' tables (day_totals, day_port, day_fingerprint, day_backscatter, ...) are created by
-- the analyses themselves; each starts with (day, part): a day is held as one part once compacted,
-- as several while a live sensor is still adding to it. Packets add up across parts; distinct
-- sources are unions of the parts' sets (the query API takes care of it).
-- *_ipv4 BLOB columns hold RoaringBitmaps (portable format) of IPv4 source addresses;
-- *_ipv6 BLOB columns hold sorted 16-byte IPv6 source addresses. The 'sources' columns are
-- their cardinality, so SQL users rarely need the blobs.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR,
    value VARCHAR
);

-- Every commit and where its packets came from: kind 'files' (the files are in ingested_files
-- with this commit's id), 'stream' (a sensor named by source; first and last bound the window it
-- observed, nanoseconds since the epoch, last exclusive; received, dropped and if_dropped are
-- libpcap's counters over it), 'kafka' (source is 'topic/partition'; first and last bound the
-- offsets, last exclusive). Nothing committed is ever counted again.
CREATE TABLE IF NOT EXISTS commits (
    id           BIGINT,
    kind         VARCHAR,
    source       VARCHAR,
    first        BIGINT,
    last         BIGINT,
    received     BIGINT,
    dropped      BIGINT,
    if_dropped   BIGINT,
    committed_at TIMESTAMP
);

-- One row per file darkscope was given. status: ok, damaged (problems, good records kept),
-- rejected (not a capture or unreadable), duplicate (a capture already counted, renamed or
-- recompressed), changed (path ingested before with content that does not extend it: refused,
-- counts cannot be subtracted). A capture's identity is the checksum (CRC-32C and CRC-32, 16 hex
-- digits) of its decompressed bytes up to the end of its last complete record (content_length,
-- content_digest) and of their first 64 KiB (prefix_length, prefix_digest). counted_from: where
-- counting began, after the part of a shorter version of the capture already counted.
CREATE TABLE IF NOT EXISTS ingested_files (
    path            VARCHAR,
    size            BIGINT,
    modified        TIMESTAMP,
    format          VARCHAR,
    packets         BIGINT,
    darknet_packets BIGINT,
    first_packet    TIMESTAMP,
    last_packet     TIMESTAMP,
    status          VARCHAR,
    message         VARCHAR,
    content_length  BIGINT,
    content_digest  VARCHAR,
    prefix_length   INTEGER,
    prefix_digest   VARCHAR,
    counted_from    BIGINT,
    ingested_at     TIMESTAMP,
    commit_id       BIGINT
);

-- The darknet registry used by the latest ingest. NULL bounds are open; both are inclusive.
CREATE TABLE IF NOT EXISTS darknet (
    prefix     VARCHAR,
    valid_from DATE,
    valid_to   DATE
);

-- The IPv4 addresses monitored on each day with data (overlapping prefixes count once).
CREATE TABLE IF NOT EXISTS day_monitored (
    day            DATE,
    ipv4_addresses BIGINT
);

-- The parts each day is held in: part 0 is a compacted day; others are commits not yet merged
-- (level 0), or merges of them (level 1 merges 8 parts of level 0, and so on).
CREATE TABLE IF NOT EXISTS day_parts (
    day   DATE,
    part  BIGINT,
    level INTEGER
);

-- Outbreaks found by the event detector (kind: new, rise, country-spike; key: a port such as
-- 2323/tcp, a fingerprint such as mirai/leaked, or a country and port such as 'JP 23/tcp').
-- top_countries and top_networks attribute the new sources: "BR=456 VN=283", "AS17676 SoftBank=12".
CREATE TABLE IF NOT EXISTS events (
    kind          VARCHAR,
    key           VARCHAR,
    onset         DATE,
    peak_date     DATE,
    peak_sources  BIGINT,
    baseline      DOUBLE,
    growth        DOUBLE,
    end_date      DATE,
    top_countries VARCHAR,
    top_networks  VARCHAR,
    detected_at   TIMESTAMP
);

-- Survey scanners' lists imported with 'darkscope scanners import', each under its source (the
-- file's name; importing a file of the same name replaces it). An IPv4 range (first_address and
-- last_address, unsigned, inclusive) is a survey scanner of its organisation on the days from
-- valid_from to valid_to (NULL: open). Queries leave them out at query time, so that a changed
-- list re-answers every day already stored.
CREATE TABLE IF NOT EXISTS survey_lists (
    source      VARCHAR,
    format      VARCHAR,
    entries     BIGINT,
    imported_at TIMESTAMP
);

CREATE TABLE IF NOT EXISTS survey_scanners (
    source        VARCHAR,
    first_address BIGINT,
    last_address  BIGINT,
    organisation  VARCHAR,
    valid_from    DATE,
    valid_to      DATE
);

-- What a list says of an organisation (NICT's scanorg): its type and a page about its scans.
CREATE TABLE IF NOT EXISTS survey_organisations (
    source       VARCHAR,
    organisation VARCHAR,
    type         VARCHAR,
    reference    VARCHAR
);
