-- Address ranges a site blocks ("203.0.113.7", "198.51.100.0/24", "2001:db8::/32"): its office, its monitor.
-- Addresses are parsed by libc's inet_pton, IPv4 as IPv4-mapped IPv6 (::ffff:a.b.c.d), so one comparison
-- of 16 bytes under a prefix serves both families and an IPv4 range also holds the same address written
-- mapped. Parsed once per change of the sites file (sluice.sites); a request parses its address once, into
-- this worker's one buffer.
local ffi = require "ffi"
local bit = require "bit"

local ffi_fill = ffi.fill
local ffi_new = ffi.new
local ffi_C = ffi.C
local bit_band = bit.band
local bit_lshift = bit.lshift
local math_floor = math.floor
local str_find = string.find
local str_match = string.match
local tonumber = tonumber
local type = type
local ipairs = ipairs

pcall(ffi.cdef, [[
int inet_pton(int af, const char *src, void *dst);
]])

local AF_INET = 2
local AF_INET6 = 10
-- The longest address text: IPv6 with an embedded IPv4 part.
local MAX_ADDRESS_LENGTH = 45

local _M = {}

-- A request's address and an IPv4 address's 4 bytes, parsed into these: a request runs to completion before
-- the next one starts in this worker (nothing here yields), so no two use them at once.
local request_bytes = ffi_new("uint8_t[16]")
local four = ffi_new("uint8_t[4]")

-- The text as an address's may be written: IPv4 or IPv6 characters only (hex digits, colons and dots: no NUL,
-- where the C string would end early, no space or zone id), at most as long as the longest address; or nil.
function _M.address_text(value)
    if type(value) == "string" and #value <= MAX_ADDRESS_LENGTH and str_find(value, "^[%x:.]+$") then
        return value
    end
end

-- The 16 bytes of an address, written into `bytes` (a zeroed uint8_t[16], or a new one), and its length in
-- bits as written (32 for IPv4); or nil.
local function parse(text, bytes)
    if not _M.address_text(text) then
        return nil
    end
    bytes = bytes or ffi_new("uint8_t[16]")
    if str_find(text, ":", 1, true) then
        if ffi_C.inet_pton(AF_INET6, text, bytes) == 1 then
            return bytes, 128
        end
        return nil
    end
    if ffi_C.inet_pton(AF_INET, text, four) ~= 1 then
        return nil
    end
    ffi_fill(bytes, 10)
    bytes[10], bytes[11] = 0xff, 0xff
    for i = 0, 3 do
        bytes[12 + i] = four[i]
    end
    return bytes, 32
end

-- One range ("address" or "address/prefix"), as { bytes, prefix over the 128 bits }; nil when malformed.
local function range_of(text)
    if type(text) ~= "string" then
        return nil
    end
    local address, prefix = str_match(text, "^([^/]+)/(%d%d?%d?)$")
    address = address or text
    local bytes, bits = parse(address)
    if not bytes then
        return nil
    end
    local length = prefix and tonumber(prefix) or bits
    if length > bits then
        return nil
    end
    return { bytes = bytes, prefix = length + (128 - bits) }
end

-- The ranges of a list of texts; a malformed one is left out (the backend refuses them before they are
-- written). Nil for none, so a site without ranges costs a request nothing.
function _M.parse_list(list)
    if type(list) ~= "table" then
        return nil
    end
    local ranges = {}
    for _, text in ipairs(list) do
        local range = range_of(text)
        if range then
            ranges[#ranges + 1] = range
        end
    end
    return #ranges > 0 and ranges or nil
end

-- Whether `bytes` lies in `range`: its first `prefix` bits are the range's.
local function within(range, bytes)
    local whole = math_floor(range.prefix / 8)
    local start = range.bytes
    for i = 0, whole - 1 do
        if start[i] ~= bytes[i] then
            return false
        end
    end
    local rest = range.prefix - whole * 8
    if rest == 0 then
        return true
    end
    local mask = bit_band(bit_lshift(0xff, 8 - rest), 0xff)
    return bit_band(start[whole], mask) == bit_band(bytes[whole], mask)
end

-- Whether the address text lies in any of the ranges (parse_list); false for a malformed address.
function _M.contains(ranges, address)
    local bytes = parse(address, request_bytes)
    if not bytes then
        return false
    end
    for i = 1, #ranges do
        if within(ranges[i], bytes) then
            return true
        end
    end
    return false
end

return _M
