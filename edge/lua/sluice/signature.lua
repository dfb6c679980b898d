-- Signed batches from a site's own servers: `X-Sluice-Timestamp: <unix seconds>` and
-- `X-Sluice-Signature: v1=<hex HMAC-SHA256(secret, timestamp .. "." .. body)>`. Signing the time with
-- the body binds them, so a captured request can't be replayed once the allowed skew has passed.
-- Several `v1=` values (comma-separated) and two secrets per site let either side change keys
-- without a gap. HMAC-SHA256 comes from OpenSSL's libcrypto through FFI (sluice.crypto).
local bit = require "bit"
local ffi = require "ffi"
local crypto = require "sluice.crypto"

local tonumber = tonumber
local type = type
local bxor, bor = bit.bxor, bit.bor
local str_byte = string.byte
local str_find = string.find
local str_format = string.format
local str_gmatch = string.gmatch
local str_match = string.match
local str_rep = string.rep

local _M = { _VERSION = '0.1' }

local DIGEST_BYTES = 32
local HEX_FORMAT = str_rep("%02x", DIGEST_BYTES)
-- Bounds on what a client can make the edge parse and hash.
local MAX_SIGNATURE_HEADER = 1024
local MAX_CANDIDATES = 4
local MAX_TIMESTAMP_DIGITS = 12

local sha256 = crypto.EVP_sha256()
local digest = ffi.new("unsigned char[?]", DIGEST_BYTES)
local digest_length = ffi.new("unsigned int[1]")

-- Lower-case hex HMAC-SHA256 of `message` under `secret`.
local function hmac_hex(secret, message)
    if crypto.HMAC(sha256, secret, #secret, message, #message, digest, digest_length) == nil then
        return nil
    end
    return str_format(HEX_FORMAT, str_byte(ffi.string(digest, DIGEST_BYTES), 1, DIGEST_BYTES))
end

-- Equal strings of the same length, in time that does not depend on where they differ.
local function same(a, b)
    if #a ~= #b then
        return false
    end
    local diff = 0
    for i = 1, #a do
        diff = bor(diff, bxor(str_byte(a, i), str_byte(b, i)))
    end
    return diff == 0
end

-- The header value for a body: what a site's server sends (the specs and docs use it too).
function _M.sign(secret, timestamp, body)
    return "v1=" .. hmac_hex(secret, timestamp .. "." .. body)
end

-- The `v1=` digests of a signature header, at most MAX_CANDIDATES; malformed items are skipped.
local function candidates(header)
    local found = {}
    for item in str_gmatch(header, "[^,]+") do
        local hex = str_match(item, "^%s*v1=(%x+)%s*$")
        if hex and #hex == DIGEST_BYTES * 2 and not str_find(hex, "%u") then
            found[#found + 1] = hex
            if #found == MAX_CANDIDATES then
                break
            end
        end
    end
    return found
end

-- true when one of the header's digests is the HMAC of the body under one of the site's secrets
-- and the timestamp is within `max_skew` seconds of `now`; else nil and a short code:
-- signature_missing, timestamp_invalid, timestamp_stale or signature_invalid.
function _M.verify(body, timestamp, signature, secrets, now, max_skew)
    if type(signature) ~= "string" or signature == "" then
        return nil, "signature_missing"
    end
    if type(timestamp) ~= "string" or #timestamp > MAX_TIMESTAMP_DIGITS or not str_find(timestamp, "^%d+$") then
        return nil, "timestamp_invalid"
    end
    local skew = now - tonumber(timestamp)
    if skew > max_skew or skew < -max_skew then
        return nil, "timestamp_stale"
    end
    if type(body) ~= "string" or type(secrets) ~= "table" or #signature > MAX_SIGNATURE_HEADER then
        return nil, "signature_invalid"
    end
    local given = candidates(signature)
    local message = timestamp .. "." .. body
    for i = 1, #secrets do
        local expected = hmac_hex(secrets[i], message)
        for j = 1, #given do
            if expected and same(expected, given[j]) then
                return true
            end
        end
    end
    return nil, "signature_invalid"
end

return _M
