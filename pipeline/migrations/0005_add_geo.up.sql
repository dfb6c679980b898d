-- Geo of the client address (contract v5), after is_bot. 18.16 can't name a column added in the same
-- ALTER after AFTER, so all three follow is_bot, listed in reverse.
ALTER TABLE {database}.events
    ADD COLUMN city String AFTER is_bot,
    ADD COLUMN region String AFTER is_bot,
    ADD COLUMN country String AFTER is_bot;
