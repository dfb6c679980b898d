-- What the edge decides about its disk, from what it measured: when to close the NDJSON file, and
-- whether to refuse beacons rather than write past the disk budget. No nginx and no files here (the
-- busted specs run it as is): sluice.disk measures once a second and acts on these answers.
local math_floor = math.floor
local math_max = math.max
local os_date = os.date
local str_format = string.format

local _M = { _VERSION = '0.1' }

-- Seconds of writes the folder may still take after a measurement: what the buffered log holds and
-- has not flushed (up to its 1 s flush interval), what arrives before the next measurement (1 s),
-- and a measurement that runs late on a busy worker (1 s).
_M.MARGIN_SECONDS = 3
-- A refusing edge accepts again once the folder is below this share of what it held when refusing
-- began: the pipeline has shipped and deleted a fifth of it. So the edge neither flips with every file
-- deleted nor accepts again before the pipeline has made progress.
_M.RESUME_SHARE = 0.8
-- How much of the fastest recent write rate is kept per second: the pipeline deleting a file in the
-- same second would otherwise hide that second's writes, and the margin with them.
local RATE_KEPT_PER_SECOND = 0.9

-- Bytes written per second, from two measurements of the folder `elapsed` seconds apart: its
-- growth, or the recent peak fading, whichever is more.
function _M.write_rate(previous_total, total, elapsed, previous_rate)
    local kept = (previous_rate or 0) * RATE_KEPT_PER_SECOND ^ elapsed
    if not previous_total or elapsed <= 0 then
        return kept
    end
    return math_max((total - previous_total) / elapsed, kept)
end

-- Whether beacons are refused: once the folder, with the margin at the current write rate, would pass
-- the budget; and, once refusing (`refused_at`: the folder's size when it began, else nil), until the
-- folder is below RESUME_SHARE of that.
function _M.refuse(refused_at, total, rate, budget)
    if refused_at then
        return total >= refused_at * _M.RESUME_SHARE
    end
    return total + rate * _M.MARGIN_SECONDS >= budget
end

-- Whether the active file is closed now: it holds `max_bytes`, or its first line is `max_seconds` old
-- (`first_seen`: when a measurement first found it not empty; nil while it is empty).
function _M.rotate(size, first_seen, now, max_bytes, max_seconds)
    return size >= max_bytes or (size > 0 and first_seen ~= nil and now - first_seen >= max_seconds)
end

-- The closed file's name: the active one's with the UTC time to the millisecond, so names sort in the
-- order the files were closed (events.ndjson.20261123T024904.123Z).
function _M.rotated_name(path, now)
    -- Rounded to whole milliseconds first: ngx.now()'s milliseconds are not exact in binary.
    local milliseconds = math_floor(now * 1000 + 0.5)
    local seconds = math_floor(milliseconds / 1000)
    return path .. "." .. os_date("!%Y%m%dT%H%M%S", seconds) .. str_format(".%03dZ", milliseconds % 1000)
end

return _M
