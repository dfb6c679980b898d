-- When an event happened: the edge's arrival time less the age the tracker sent with it (wire key
-- `a`, milliseconds since the event was captured, measured as the batch left). A batch resent from
-- the tracker's offline queue hours later so keeps each event on its own time and day, which its
-- row's `ts` and the salt of its visitor hash both follow (sluice.visitor).
--
-- The age is bounded by the queue's 24 hours (the contract's wire.maxAgeMs): a larger one is cut to
-- it; a negative or non-numeric one is ignored (the event is stamped at arrival). Both are written
-- and reported as "bad_age", never refused: the event itself is good.
local assert = assert
local math_floor = math.floor
local os_date = os.date
local type = type

local _M = { _VERSION = '0.1' }

local BAD_AGE = "bad_age"
local TS_FORMAT = "!%Y-%m-%d %H:%M:%S"

-- Set by configure() from the contract.
local max_age_ms

-- The last second formatted, per worker: most events of a batch share their second with the one
-- before (no age, or one taken within the same second).
local formatted_second, formatted_text

function _M.configure(max_age)
    assert(type(max_age) == "number" and max_age > 0, "the contract's wire.maxAgeMs must be a positive number")
    max_age_ms = max_age
end

-- The Unix second the event happened in, given its arrival in milliseconds and the age it was
-- sent with (nil when none was sent); a second result "bad_age" when the age could not be taken
-- as sent (cut to the bound, or ignored).
function _M.second(arrival_ms, age)
    if age == nil then
        return math_floor(arrival_ms / 1000)
    end
    if type(age) ~= "number" or age < 0 then
        return math_floor(arrival_ms / 1000), BAD_AGE
    end
    if age > max_age_ms then
        return math_floor((arrival_ms - max_age_ms) / 1000), BAD_AGE
    end
    return math_floor((arrival_ms - age) / 1000)
end

-- The row's `ts` text of a Unix second: `YYYY-MM-DD hh:mm:ss`, UTC.
function _M.text(second)
    if second ~= formatted_second then
        formatted_second, formatted_text = second, os_date(TS_FORMAT, second)
    end
    return formatted_text
end

return _M
