-- One row per event, exactly the event contract's fields (config/src/event-contract.ts).
-- ReplacingMergeTree: a line the pipeline delivers twice (at-least-once) is the same row, and merges
-- collapse such copies; until they do, reports count distinct event ids.
CREATE TABLE IF NOT EXISTS {database}.events
(
    event_id UUID,
    site_id UInt32,
    ts DateTime('UTC'),
    name String,
    hostname String,
    pathname String,
    referrer String,
    visitor_id String,
    session_id String,
    props_keys Array(String),
    props_values Array(String)
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(ts)
ORDER BY (site_id, toDate(ts), event_id);
