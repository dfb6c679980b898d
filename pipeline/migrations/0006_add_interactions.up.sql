-- What autocapture, heatmaps, errors and web vitals report (contract v6), at the end of the row in
-- the contract's order. Events that don't carry a field hold its default ('' or 0).
ALTER TABLE {database}.events
    ADD COLUMN el_tag String,
    ADD COLUMN el_id String,
    ADD COLUMN el_classes String,
    ADD COLUMN el_text String,
    ADD COLUMN el_selector String,
    ADD COLUMN el_href String,
    ADD COLUMN el_context String,
    ADD COLUMN el_fingerprint String,
    ADD COLUMN click_x UInt32,
    ADD COLUMN click_y UInt32,
    ADD COLUMN viewport_width UInt32,
    ADD COLUMN scroll_depth UInt32,
    ADD COLUMN engaged_ms UInt32,
    ADD COLUMN error_message String,
    ADD COLUMN error_source String,
    ADD COLUMN error_line UInt32,
    ADD COLUMN error_column UInt32,
    ADD COLUMN error_stack String,
    ADD COLUMN lcp_ms UInt32,
    ADD COLUMN inp_ms UInt32,
    ADD COLUMN cls Float32;
