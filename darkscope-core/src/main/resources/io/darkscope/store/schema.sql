-- darkscope store, schema version 1. Every table is plain SQL: open the file with DuckDB and query it.
-- Days are calendar days in the store's time zone (meta 'timezone'). Counts are exact.
-- *_ipv4 BLOB columns hold RoaringBitmaps (portable format) of IPv4 source addresses;
-- *_ipv6 BLOB columns hold sorted 16-byte IPv6 source addresses. The 'sources' columns are
-- their cardinality, so SQL users rarely need the blobs.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR,
    value VARCHAR
);

-- One row per file darkscope was given. status: ok, damaged (problems, good records kept),
-- rejected (not a capture or unreadable), duplicate (content already ingested), changed
-- (path ingested before with other content: refused, counts cannot be subtracted).
-- content_hash: CRC-32C and CRC-32 of the file as stored, 16 hex digits.
CREATE TABLE IF NOT EXISTS ingested_files (
    path            VARCHAR,
    size            BIGINT,
    modified        TIMESTAMP,
    content_hash    VARCHAR,
    format          VARCHAR,
    packets         BIGINT,
    darknet_packets BIGINT,
    first_packet    TIMESTAMP,
    last_packet     TIMESTAMP,
    status          VARCHAR,
    message         VARCHAR,
    ingested_at     TIMESTAMP
);

-- The darknet registry used by the latest ingest. NULL bounds are open; both are inclusive.
CREATE TABLE IF NOT EXISTS darknet (
    prefix     VARCHAR,
    valid_from DATE,
    valid_to   DATE
);

-- Per day: all darknet packets, bytes (IP datagram lengths), IPv6 packets, the IPv4 addresses
-- monitored that day, and distinct sources over all protocols.
CREATE TABLE IF NOT EXISTS day_totals (
    day            DATE,
    packets        BIGINT,
    bytes          BIGINT,
    ipv6_packets   BIGINT,
    monitored_ipv4 BIGINT,
    sources        BIGINT,
    sources_ipv4   BLOB,
    sources_ipv6   BLOB
);

-- Per day and IP protocol number.
CREATE TABLE IF NOT EXISTS day_protocol (
    day          DATE,
    protocol     UTINYINT,
    packets      BIGINT,
    bytes        BIGINT,
    sources      BIGINT,
    sources_ipv4 BLOB,
    sources_ipv6 BLOB
);

-- Per day, IP protocol and destination port. port is NULL for packets without one
-- (ICMP, other protocols, later fragments, headers cut before the ports).
CREATE TABLE IF NOT EXISTS day_port (
    day          DATE,
    protocol     UTINYINT,
    port         INTEGER,
    packets      BIGINT,
    sources      BIGINT,
    sources_ipv4 BLOB,
    sources_ipv6 BLOB
);

-- Per day and traffic class (after Moore et al.): scan (TCP SYN without ACK), backscatter
-- (SYN-ACK, RST, ICMP echo replies and errors), other.
CREATE TABLE IF NOT EXISTS day_class (
    day          DATE,
    class        VARCHAR,
    packets      BIGINT,
    sources      BIGINT,
    sources_ipv4 BLOB,
    sources_ipv6 BLOB
);

-- Scanner fingerprints per day: packets and distinct IPv4 sources (fingerprint: mirai,
-- mirai/leaked, mirai/early, mirai/undetermined, zmap, masscan). Decided from the per-source
-- state in day_fingerprint_state (rule: mirai, zmap, masscan), which merges as files arrive.
CREATE TABLE IF NOT EXISTS day_fingerprint (
    day          DATE,
    fingerprint  VARCHAR,
    packets      BIGINT,
    sources      BIGINT,
    sources_ipv4 BLOB
);

CREATE TABLE IF NOT EXISTS day_fingerprint_state (
    day   DATE,
    rule  VARCHAR,
    state BLOB
);

-- Backscatter per day and DoS victim (an IPv4 address as an unsigned number): packets, first
-- and last, the victim's ports, and packets per 10-second bucket (pairs of big-endian int32:
-- epoch second / 10, packets), from which 'darkscope dos' cuts attacks.
CREATE TABLE IF NOT EXISTS day_backscatter (
    day        DATE,
    victim     BIGINT,
    packets    BIGINT,
    first_seen TIMESTAMP,
    last_seen  TIMESTAMP,
    ports      VARCHAR,
    buckets    BLOB
);

-- Packets per 5 minutes by protocol class; start is UTC. Slots without packets are absent.
CREATE TABLE IF NOT EXISTS traffic_5min (
    start TIMESTAMP,
    day   DATE,
    tcp   BIGINT,
    udp   BIGINT,
    icmp  BIGINT,
    other BIGINT
);

-- Outbreaks found by 'darkscope events' (kind: new, rise, country-spike; key: a port such as
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
