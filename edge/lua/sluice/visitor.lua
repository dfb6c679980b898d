-- Anonymous visitor ids: a salted hash of site, client address and user agent. The address is
-- used here and never written anywhere. The salt is random and new every UTC day, so an id can't
-- be recomputed from an address later, nor followed from one day to the next. An event is hashed
-- with the salt of its own day (the day of its `ts`, which its age can put up to 24 hours back:
-- sluice.event_time), so a batch resent from the tracker's offline queue after midnight gives the
-- visitor the id it had when it happened. So yesterday's salt is kept; older ones are deleted, and
-- none lives past 48 hours.
local bit = require "bit"
local crypto = require "sluice.crypto"
local ffi = require "ffi"

local assert = assert
local math_floor = math.floor
local io_open = io.open
local io_popen = io.popen
local os_date = os.date
local os_execute = os.execute
local os_remove = os.remove
local str_byte = string.byte
local str_match = string.match
local tostring = tostring
local band, bxor, rshift = bit.band, bit.bxor, bit.rshift
local ffi_copy = ffi.copy
local ffi_string = ffi.string
local ngx_log = ngx.log
local ngx_ERR = ngx.ERR
local ngx_time = ngx.time
local ngx_timer_every = ngx.timer.every
local ngx_worker_pid = ngx.worker.pid

local _M = { _VERSION = '0.1' }

local SALT_BYTES = 32
local SALT_FILE_MODE = 384 -- 0600: the salt turns addresses into ids, so only the edge reads it
-- 16 bytes of the HMAC: collisions stay negligible for any one site's visitors.
local ID_BYTES = 16
local DAY_SECONDS = 86400
local REPORT_INTERVAL_SECONDS = 1

ffi.cdef [[
    int chmod(const char *path, unsigned int mode);
    int link(const char *existing, const char *new);
]]

local salts_dir
-- The day number (days since 1970) of today's salt, today's salt and yesterday's
-- salt: made at start, kept when the day turns, else read when an event of yesterday needs it.
local current_day_number
local salt
local previous_salt

-- HMAC-SHA1 (RFC 2104) with each salt's keyed states computed once: the SHA-1 state after the key
-- xor ipad, and after the key xor opad. An id then costs two resumed hashes into buffers of this
-- worker, with no string made but the id (OpenSSL 3's one-shot HMAC() looks its algorithm up on
-- every call, which cost more than the hashing).
local SHA1_BLOCK_BYTES = 64
local SHA1_DIGEST_BYTES = 20
local STATE_BYTES = ffi.sizeof("sluice_SHA_CTX")
local work_state = ffi.new("sluice_SHA_CTX")
local digest = ffi.new("unsigned char[?]", SHA1_DIGEST_BYTES)
local hex = ffi.new("char[?]", ID_BYTES * 2)
local HEX_DIGITS = ffi.new("const char[?]", 17, "0123456789abcdef")
local NUL = "\0"
-- The keyed states of the salts in use (today's, yesterday's), by salt: renewed when the day turns.
local keyed_states = {}
-- Why the day's salt could not be made, until the worker's timer reports it (see init_worker).
local unreported

local function read_file(path, bytes)
    local file = io_open(path, "rb")
    if not file then
        return nil
    end
    local data = file:read(bytes)
    file:close()
    return data
end

local function utc_day(unix_time)
    return os_date("!%Y-%m-%d", unix_time)
end

-- Writes a fresh salt to a private temp file, then publishes it with link(), which fails if the
-- day's salt already exists: when two workers race, both end up using the one that won.
local function create_salt(path)
    local fresh = read_file("/dev/urandom", SALT_BYTES)
    if not fresh or #fresh ~= SALT_BYTES then
        return nil, "cannot read /dev/urandom for the visitor salt"
    end
    local temp = path .. "." .. ngx_worker_pid() .. ".tmp"
    local file, err = io_open(temp, "wb")
    if not file then
        return nil, "cannot create the visitor salt: " .. err
    end
    -- Restricted while still empty, so the salt is never readable by others, not even briefly.
    if ffi.C.chmod(temp, SALT_FILE_MODE) ~= 0 then
        file:close()
        os_remove(temp)
        return nil, "cannot restrict the visitor salt " .. temp .. " to mode 0600"
    end
    local written, write_err = file:write(fresh)
    file:close()
    if not written then
        os_remove(temp)
        return nil, "cannot write the visitor salt " .. temp .. ": " .. write_err
    end
    ffi.C.link(temp, path)
    os_remove(temp)
    return true
end

-- The day's salt, created on first use. A salt file of another size is refused rather than
-- replaced: replacing it would silently give every visitor of the day a new id.
local function salt_for(day)
    local path = salts_dir .. "/" .. day
    local existing = read_file(path, "*a")
    if not existing or #existing == 0 then
        local ok, err = create_salt(path)
        if not ok then
            return nil, err
        end
        existing = read_file(path, "*a")
    end
    if not existing or #existing ~= SALT_BYTES then
        return nil, "the visitor salt " .. path .. " is damaged (" .. (existing and #existing or 0)
            .. " bytes, not " .. SALT_BYTES .. "); delete it to start over"
    end
    return existing
end

-- Deletes every salt older than yesterday's. Runs once a day per worker, so listing the folder
-- with `ls` costs nothing that matters (LuaJIT has no portable readdir).
local function destroy_old_salts(today_time)
    local keep = { [utc_day(today_time)] = true, [utc_day(today_time - DAY_SECONDS)] = true }
    local listing = io_popen("ls -1 '" .. salts_dir .. "' 2>/dev/null")
    if listing then
        for name in listing:lines() do
            if str_match(name, "^%d%d%d%d%-%d%d%-%d%d$") and not keep[name] then
                os_remove(salts_dir .. "/" .. name)
            end
        end
        listing:close()
    end
end

-- The number of the UTC day a Unix time falls in: days since 1970-01-01.
local function day_number(unix_time)
    return math_floor(unix_time / DAY_SECONDS)
end

_M.day_number = day_number

-- The SHA-1 state after one block of the key xor `pad` (the key is shorter than a block).
local function keyed_state(key, pad)
    local block = ffi.new("uint8_t[?]", SHA1_BLOCK_BYTES)
    for i = 0, SHA1_BLOCK_BYTES - 1 do
        block[i] = bxor(i < #key and str_byte(key, i + 1) or 0, pad)
    end
    local state = ffi.new("sluice_SHA_CTX")
    crypto.SHA1_Init(state)
    crypto.SHA1_Update(state, block, SHA1_BLOCK_BYTES)
    return state
end

-- A salt's inner and outer keyed states, prepared on its first use.
local function states_of(key)
    local states = keyed_states[key]
    if not states then
        assert(#key <= SHA1_BLOCK_BYTES)
        states = { keyed_state(key, 0x36), keyed_state(key, 0x5c) }
        keyed_states[key] = states
    end
    return states
end

local function rotate(day, now)
    local fresh, err = salt_for(day)
    if not fresh then
        return nil, err
    end
    -- The salt that was today's is yesterday's when the day moved on by one; else read on demand.
    previous_salt = current_day_number == day_number(now) - 1 and salt or nil
    salt, current_day_number = fresh, day_number(now)
    keyed_states = {}
    destroy_old_salts(now)
    return true
end

-- Yesterday's salt, read (or created, when no event of yesterday made it) on first use. If it can't
-- be had, today's stands in, as for a day's salt that can't be made: ids of yesterday's events then
-- start anew rather than be refused, and the error says what to fix.
local function yesterdays_salt()
    if not previous_salt then
        local fresh, err = salt_for(utc_day((current_day_number - 1) * DAY_SECONDS))
        if not fresh then
            unreported = err
            return salt
        end
        previous_salt = fresh
    end
    return previous_salt
end

-- At start (in the master, before workers fork): the salts folder and today's salt. Failing here
-- stops the edge, which must not hash visitors with a salt it cannot keep.
function _M.init(state_dir)
    salts_dir = state_dir .. "/salts"
    os_execute("mkdir -p '" .. salts_dir .. "'")
    -- 0770: the workers (the folder's group when nginx starts as root) make each new day's salt.
    ffi.C.chmod(salts_dir, 504)
    os_remove(state_dir .. "/salt")
    local now = ngx_time()
    local ok, err = rotate(utc_day(now), now)
    if not ok then
        return nil, err
    end
    -- Yesterday's too, for events whose age puts them there: made here, where the folder is writable
    -- whoever the workers run as, when no event of yesterday made it.
    previous_salt, err = salt_for(utc_day(now - DAY_SECONDS))
    return previous_salt ~= nil, err
end

-- A salt failure is found while serving a beacon, and nginx names the client in every line logged
-- then (a timer started from that request too): the worker's own timer reports it instead.
function _M.init_worker()
    local ok, err = ngx_timer_every(REPORT_INTERVAL_SECONDS, function()
        if unreported then
            ngx_log(ngx_ERR, unreported)
            unreported = nil
        end
    end)
    if not ok then
        ngx_log(ngx_ERR, "cannot schedule the visitor salt's reports: ", err)
    end
end

local BYTES = ffi.typeof("const uint8_t *")
local CLIENT_ID_LENGTH = 32

-- Whether `id` has the shape of a tracker's anonymous id: 32 lower-case hex digits (128 bits), the
-- shape of the edge's own ids, so both kinds read alike downstream.
function _M.is_client_id(id)
    if #id ~= CLIENT_ID_LENGTH then
        return false
    end
    local bytes = ffi.cast(BYTES, id)
    for i = 0, CLIENT_ID_LENGTH - 1 do
        local b = bytes[i]
        if not ((b >= 48 and b <= 57) or (b >= 97 and b <= 102)) then
            return false
        end
    end
    return true
end

local function absorb(text)
    crypto.SHA1_Update(work_state, text, #text)
end

-- The visitor id of an event that happened on day `event_day` (a day number, see day_number):
-- today's or yesterday's; an event's age can take it no further back. HMAC-SHA1(the day's salt,
-- site id, NUL, client address, NUL, user agent): its first ID_BYTES bytes, in hex.
function _M.id(site_id, client_ip, user_agent, event_day)
    local now = ngx_time()
    local today = day_number(now)
    if today ~= current_day_number then
        -- Once per worker per day. If the new salt can't be had, keep hashing with the last one
        -- (still random and private) rather than refuse events; the error says what to fix.
        local day = utc_day(now)
        local ok, err = rotate(day, now)
        if not ok then
            unreported = err
            previous_salt = salt
            current_day_number = today
        end
    end
    local states = states_of(event_day == current_day_number - 1 and yesterdays_salt() or salt)
    ffi_copy(work_state, states[1], STATE_BYTES)
    absorb(tostring(site_id))
    absorb(NUL)
    absorb(client_ip)
    absorb(NUL)
    absorb(user_agent)
    crypto.SHA1_Final(digest, work_state)
    ffi_copy(work_state, states[2], STATE_BYTES)
    crypto.SHA1_Update(work_state, digest, SHA1_DIGEST_BYTES)
    crypto.SHA1_Final(digest, work_state)
    for i = 0, ID_BYTES - 1 do
        local byte = digest[i]
        hex[2 * i] = HEX_DIGITS[rshift(byte, 4)]
        hex[2 * i + 1] = HEX_DIGITS[band(byte, 15)]
    end
    return ffi_string(hex, ID_BYTES * 2)
end

return _M
