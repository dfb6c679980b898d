-- One wire event → one NDJSON line with exactly the contract's fields, in its order, each of its
-- type and within its limits. The line is assembled here rather than by encoding a table, which
-- keeps field order stable and empty arrays as [] (plain lua-cjson can't tell [] from {}).
local cjson = require "cjson.safe"
local contract = require "sluice.contract"
local ids = require "sluice.ids"
local text = require "sluice.text"

local ipairs = ipairs
local pairs = pairs
local tostring = tostring
local type = type
local str_format = string.format
local str_gsub = string.gsub
local str_lower = string.lower
local str_match = string.match
local str_sub = string.sub
local tbl_concat = table.concat
local tbl_sort = table.sort
local cjson_encode = cjson.encode
local truncate = text.truncate

local _M = { _VERSION = '0.1' }

-- Wire keys by the field they carry (id → event_id, n → name, …), from the contract.
local KEY = {}
local URL_MAX_LENGTH

-- Splits an absolute URL into lower-cased host (no user info or port) and path (no query or fragment).
local function parse_url(url)
    local rest = str_match(url, "^%a[%w+.-]*://(.*)$")
    if not rest then
        return nil
    end
    local authority = str_match(rest, "^[^/?#]*")
    local path = str_match(str_sub(rest, #authority + 1), "^[^?#]*")
    local host = str_gsub(authority, "^.*@", "")
    host = str_match(host, "^%[[^%]]*%]") or str_gsub(host, ":%d*$", "")
    if host == "" then
        return nil
    end
    return str_lower(host), path == "" and "/" or path
end

local SCALAR = { string = true, number = true, boolean = true }

-- Custom properties as parallel arrays, keys sorted so the same props always give the same row.
local function split_props(props)
    local keys, values = {}, {}
    if type(props) ~= "table" then
        return keys, values
    end
    for key, value in pairs(props) do
        if type(key) == "string" and SCALAR[type(value)] then
            keys[#keys + 1] = key
        end
    end
    tbl_sort(keys)
    for i = 1, #keys do
        values[i] = tostring(props[keys[i]])
    end
    return keys, values
end

local function encode_string_array(items, field)
    local n = #items
    if n > field.max_items then
        n = field.max_items
    end
    local encoded = {}
    for i = 1, n do
        encoded[i] = cjson_encode(truncate(items[i], field.max_length))
    end
    return "[" .. tbl_concat(encoded, ",") .. "]"
end

local ENCODERS = {
    uuid = function(value) return cjson_encode(value) end,
    datetime = function(value) return cjson_encode(value) end,
    uint32 = function(value) return str_format("%d", value) end,
    string = function(value, field) return cjson_encode(truncate(value, field.max_length)) end,
    ["string[]"] = encode_string_array,
}

-- Derives what the encoder needs from the loaded contract; fails start-up on a type it can't write.
function _M.prepare()
    for key, spec in pairs(contract.wire.event) do
        KEY[spec.field] = key
    end
    URL_MAX_LENGTH = contract.wire.event[KEY.url].maxLength
    for _, field in ipairs(contract.fields) do
        assert(ENCODERS[field.type], "the edge cannot write contract type " .. field.type)
        field.prefix = cjson_encode(field.name) .. ":"
    end
end

local function string_or_empty(value)
    return type(value) == "string" and value or ""
end

-- Returns the event's NDJSON line, or nil and a short error code for the client.
function _M.build(event, site_id, ts, visitor_id)
    if type(event) ~= "table" then
        return nil, "not_an_object"
    end
    local name = event[KEY.name]
    if type(name) ~= "string" or name == "" then
        return nil, "missing_name"
    end
    local url = event[KEY.url]
    if type(url) ~= "string" or url == "" then
        return nil, "missing_url"
    end
    local hostname, pathname = parse_url(truncate(url, URL_MAX_LENGTH))
    if not hostname then
        return nil, "bad_url"
    end
    local id = event[KEY.event_id]
    if id == nil then
        id = ids.mint()
    elseif type(id) ~= "string" or not ids.is_valid(id) then
        return nil, "bad_id"
    end
    local props_keys, props_values = split_props(event[KEY.props])
    local values = {
        event_id = id,
        site_id = site_id,
        ts = ts,
        name = name,
        hostname = hostname,
        pathname = pathname,
        referrer = string_or_empty(event[KEY.referrer]),
        visitor_id = visitor_id,
        session_id = string_or_empty(event[KEY.session_id]),
        props_keys = props_keys,
        props_values = props_values,
    }
    local parts = {}
    for i, field in ipairs(contract.fields) do
        local value = values[field.name]
        -- A contract field this code does not fill is a programmer error, caught by the tests.
        assert(value ~= nil, "no value for contract field " .. field.name)
        parts[i] = field.prefix .. ENCODERS[field.type](value, field)
    end
    return "{" .. tbl_concat(parts, ",") .. "}"
end

return _M
