-- One wire event → one NDJSON line with exactly the contract's fields, in its order, each of its
-- type and within its limits. The line is assembled here rather than by encoding a table, which
-- keeps field order stable and empty arrays as [] (Debian's lua-cjson 2.1 can't tell [] from {}).
local acquisition = require "sluice.acquisition"
local cjson = require "cjson.safe"
local contract = require "sluice.contract"
local ids = require "sluice.ids"
local text = require "sluice.text"
local url_parse = require("sluice.url").parse
local user_agent = require "sluice.user_agent"

local assert = assert
local ipairs = ipairs
local pairs = pairs
local tostring = tostring
local type = type
local math_min = math.min
local str_format = string.format
local str_gsub = string.gsub
local tbl_concat = table.concat
local tbl_sort = table.sort
local clean = text.clean

local _M = { _VERSION = '0.1' }

-- The edge's own encoder instance, so its settings touch no other user of cjson. OpenResty's
-- cjson can leave "/" unescaped (URLs are most of a row); Debian's 2.1 cannot, so there a
-- finished line gets "\/" turned back into "/" — safe because the encoder writes every "/" as
-- "\/" and every "\" as "\\", so a "\/" in its output is always an escaped slash.
local encoder = cjson.new()
local encode = encoder.encode
local unescape_slashes
if encoder.encode_escape_forward_slash then
    encoder.encode_escape_forward_slash(false)
    unescape_slashes = function(line) return line end
else
    unescape_slashes = function(line) return (str_gsub(line, "\\/", "/")) end
end

-- Set by prepare() from the contract: wire keys by the field they carry (id → event_id, n → name,
-- …), the contract's fields with their encoders, and limits that span two fields.
local KEY = {}
local FIELDS
local URL_MAX_LENGTH
local PROPS_MAX_ITEMS

local SCALAR = { string = true, number = true, boolean = true }

-- Custom properties as parallel arrays of at most PROPS_MAX_ITEMS, keys sorted so the same props
-- always give the same row (and the same ones survive the cut). Values of other types are dropped.
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
    for i = #keys, PROPS_MAX_ITEMS + 1, -1 do
        keys[i] = nil
    end
    for i = 1, #keys do
        values[i] = tostring(props[keys[i]])
    end
    return keys, values
end

local function string_or_empty(value)
    return type(value) == "string" and value or ""
end

-- The row's values by field name, or nil and a short error code for the client.
local function row_values(event, site_id, ts, visitor_id, agent)
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
    local hostname, pathname, query = url_parse(clean(url, URL_MAX_LENGTH))
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
    local referrer = string_or_empty(event[KEY.referrer])
    local values = acquisition.utm(query)
    values.referrer_source = acquisition.source(referrer, hostname)
    values.event_id = id
    values.site_id = site_id
    values.ts = ts
    values.name = name
    values.hostname = hostname
    values.pathname = pathname
    values.referrer = referrer
    values.visitor_id = visitor_id
    values.browser = agent.browser
    values.browser_version = agent.browser_version
    values.os = agent.os
    values.device = agent.device
    values.is_bot = agent.is_bot
    values.session_id = string_or_empty(event[KEY.session_id])
    values.user_id = string_or_empty(event[KEY.user_id])
    values.props_keys = props_keys
    values.props_values = props_values
    return values
end

local function encode_string_array(items, field)
    local encoded = {}
    for i = 1, math_min(#items, field.max_items) do
        encoded[i] = encode(clean(items[i], field.max_length))
    end
    return "[" .. tbl_concat(encoded, ",") .. "]"
end

-- One encoder per contract type. Values of the fixed-format types (uuid, datetime, uint32) are
-- made or checked by this module, so they are written as they are.
local ENCODERS = {
    uuid = function(value) return encode(value) end,
    datetime = function(value) return encode(value) end,
    uint32 = function(value) return str_format("%d", value) end,
    flag = function(value) return str_format("%d", value) end,
    string = function(value, field) return encode(clean(value, field.max_length)) end,
    ["string[]"] = encode_string_array,
}

-- Derives what the encoder needs from the loaded contract. Runs at start (and in `nginx -t`):
-- a contract type this module cannot write, or a field it does not fill, stops the edge there
-- instead of failing requests.
function _M.prepare()
    for key, spec in pairs(contract.wire.event) do
        KEY[spec.field] = key
    end
    URL_MAX_LENGTH = contract.wire.event[KEY.url].maxLength
    PROPS_MAX_ITEMS = math_min(contract.by_name.props_keys.max_items, contract.by_name.props_values.max_items)
    FIELDS = {}
    for i, field in ipairs(contract.fields) do
        local encoder_of_type = ENCODERS[field.type]
        assert(encoder_of_type, "the edge cannot write contract type " .. field.type)
        FIELDS[i] = {
            name = field.name,
            prefix = encode(field.name) .. ":",
            encode = encoder_of_type,
            max_length = field.max_length,
            max_items = field.max_items,
        }
    end
    local sample = assert(row_values({ [KEY.name] = "start", [KEY.url] = "https://sluice.invalid/" },
        0, "1970-01-01 00:00:00", "", user_agent.parse("")))
    for _, field in ipairs(FIELDS) do
        assert(sample[field.name] ~= nil, "the edge fills no value for contract field " .. field.name)
    end
end

-- Returns the event's NDJSON line, or nil and a short error code for the client.
-- `agent` is the request's parsed user agent (sluice.user_agent), shared by the batch's events.
function _M.build(event, site_id, ts, visitor_id, agent)
    local values, err = row_values(event, site_id, ts, visitor_id, agent)
    if not values then
        return nil, err
    end
    local parts = {}
    for i, field in ipairs(FIELDS) do
        parts[i] = field.prefix .. field.encode(values[field.name], field)
    end
    return unescape_slashes("{" .. tbl_concat(parts, ",") .. "}")
end

return _M
