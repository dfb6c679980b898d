-- Names of autocaptured elements ("Added to cart"), by the fingerprint the edge writes into
-- events.el_fingerprint. Reports join it at query time, so naming or renaming an element never
-- rewrites events. source: 'ai', 'heuristic' or 'manual'; the latest updated_at wins (merges keep it,
-- queries take argMax until they have).
CREATE TABLE IF NOT EXISTS {database}.autocapture_names
(
    site_id UInt32,
    fingerprint String,
    name String,
    source String,
    updated_at DateTime('UTC')
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY (site_id, fingerprint);
