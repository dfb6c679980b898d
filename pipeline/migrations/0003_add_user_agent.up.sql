-- What the user agent says (contract v3): browser, its major version, OS, device type, bot flag.
-- As in 0002, one ALTER with every column placed right after `utm_content`, listed in reverse.
ALTER TABLE {database}.events
    ADD COLUMN is_bot UInt8 AFTER utm_content,
    ADD COLUMN device String AFTER utm_content,
    ADD COLUMN os String AFTER utm_content,
    ADD COLUMN browser_version String AFTER utm_content,
    ADD COLUMN browser String AFTER utm_content;
