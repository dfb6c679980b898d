-- One wire event → one NDJSON line with the contract's fields in its order, each of its type and
-- within its limits. A field that holds its type's default ('', 0, []) is left out unless the
-- contract marks it required: ClickHouse stores the default for it, and most events fill fewer than
-- half the fields. Lines are assembled from pieces derived from the contract (each field's key
-- text is fixed), which keeps field order stable, writes empty arrays as [] (Debian's lua-cjson 2.1
-- can't tell [] from {}), and costs one table.concat per batch rather than encoding a table per event.
local acquisition = require "sluice.acquisition"
local claims = require "sluice.claims"
local contract = require "sluice.contract"
local element = require "sluice.element"
local event_time = require "sluice.event_time"
local ids = require "sluice.ids"
local revenue = require "sluice.revenue"
local visitor = require "sluice.visitor"
local json_string = require("sluice.json").string_content
local clean = require("sluice.text").clean
local url_parse = require("sluice.url").parse
local blocks_page = require("sluice.page_patterns").any_matches
local user_agent = require "sluice.user_agent"

local assert = assert
local ipairs = ipairs
local ngx_md5 = ngx.md5
local pairs = pairs
local tostring = tostring
local type = type
local math_floor = math.floor
local math_min = math.min
local str_sub = string.sub
local tbl_concat = table.concat

local _M = { _VERSION = '0.1' }

-- The code of an event on a page the site blocks: dropped unseen, not an error the client hears of.
_M.BLOCKED_PAGE = "blocked_page"

-- Set by prepare() from the contract: wire keys by the field they carry (id → event_id, n → name,
-- …), the contract's fields with the JSON text that precedes each value, and limits that span
-- two fields.
local KEY = {}
local FIELDS
local FIELD_COUNT
local URL_MAX_LENGTH
local REFERRER_MAX_LENGTH
local PROPS_MAX_ITEMS
-- Wire keys whose value is copied into one row field as it is (see copy_fields).
local COPIED

-- How each contract type is written. Values of the fixed-format types (uuid, datetime) are made or
-- checked by this module and written as they are; numbers go to table.concat as numbers, decimals
-- as the exact text sluice.revenue made of them.
local QUOTED = { uuid = true, datetime = true, string = true }
local WRITERS = {
    uuid = "raw", datetime = "raw", uint32 = "raw", float32 = "raw", decimal = "raw", flag = "raw",
    string = "string", ["string[]"] = "array",
}
-- Fields fill_values derives or checks itself; every other wire key is copied (copy_fields).
local DERIVED = {
    event_id = true, name = true, url = true, referrer = true, visitor_id = true, props = true, age = true,
}

local SCALAR = { string = true, number = true, boolean = true }

-- One row's values by field name. Reused for every event: each build sets every field.
local values = {}

-- Custom properties as parallel arrays of at most PROPS_MAX_ITEMS, keys sorted so the same props
-- always give the same row (and the same ones survive the cut). Values of other types are dropped.
-- The smallest keys are kept in one pass, each placed by binary search into a sorted list that
-- never grows past the cut, so thousands of keys cost a few comparisons each, not a sort of them all.
-- The two arrays are the worker's own, reused by every event (its line is written before the next
-- event is read): no table per event, and the shift is a plain loop, which the JIT compiles where
-- table.insert would end the trace.
local prop_keys, prop_values = {}, {}
local prop_count = 0

local function split_props(props)
    local n = 0
    if type(props) == "table" then
        for key, value in pairs(props) do
            if type(key) == "string" and SCALAR[type(value)] and (n < PROPS_MAX_ITEMS or key < prop_keys[n]) then
                local low, high = 1, n + 1
                while low < high do
                    local middle = math_floor((low + high) / 2)
                    if prop_keys[middle] < key then
                        low = middle + 1
                    else
                        high = middle
                    end
                end
                if n < PROPS_MAX_ITEMS then
                    n = n + 1
                end
                -- The last key falls off the end when the list is full.
                for i = n, low + 1, -1 do
                    prop_keys[i] = prop_keys[i - 1]
                end
                prop_keys[low] = key
            end
        end
    end
    for i = 1, n do
        prop_values[i] = tostring(props[prop_keys[i]])
    end
    -- What the previous event held past this one's count goes, so # is this event's count.
    for i = n + 1, prop_count do
        prop_keys[i] = nil
        prop_values[i] = nil
    end
    prop_count = n
    return prop_keys, prop_values
end

local function string_or_empty(value)
    return type(value) == "string" and value or ""
end

-- A client's string cut to `max` bytes (never inside a character) before anything parses it, so
-- that no parser's work grows with what a client sends: the writer cuts it there anyway.
local function cut(value, max)
    return #value > max and clean(value, max) or value
end

-- The event's visitor id: the tracker's own anonymous id where the site keeps them (persistent
-- mode) and the event carries a well-formed one, else the edge's salted hash under the salt of the
-- event's day, made once per day a batch's events fall on (a queued batch may span midnight).
local function visitor_id_of(event, request, second)
    if request.keep_client_ids then
        local client_id = event[KEY.visitor_id]
        if type(client_id) == "string" and visitor.is_client_id(client_id) then
            return client_id
        end
    end
    local day = visitor.day_number(second)
    if request.visitor_day ~= day then
        request.visitor_day = day
        request.visitor_id = visitor.id(request.site_id, request.client_ip, request.user_agent, day)
    end
    return request.visitor_id
end

-- A copied number within the field's range (integral for uint32), or 0 for another type or a
-- negative number. The decoder admits no NaN; an overflowing exponent is infinity, cut to the max.
local function number_in_range(value, field)
    if type(value) ~= "number" or value < 0 then
        return 0
    end
    value = math_min(value, field.max)
    return field.type == "uint32" and math_floor(value) or value
end

-- The copied wire keys: strings stay strings ('' for another type), cut to the field's length
-- (element.complete parses some of them); numbers go through number_in_range.
local function copy_fields(event)
    for i = 1, #COPIED do
        local copied = COPIED[i]
        local value = event[copied.key]
        if copied.number then
            values[copied.name] = number_in_range(value, copied.field)
        else
            values[copied.name] = cut(string_or_empty(value), copied.field.max_length)
        end
    end
end

-- The key an autocaptured element's name is stored under: the same element (tag, selector path,
-- visible text, as stored) on any page gives the same fingerprint.
local function element_fingerprint()
    local tag = values.el_tag
    if tag == "" then
        return ""
    end
    local by_name = contract.by_name
    return str_sub(ngx_md5(clean(tag, by_name.el_tag.max_length) .. "\0"
        .. clean(values.el_selector, by_name.el_selector.max_length) .. "\0"
        .. clean(values.el_text, by_name.el_text.max_length)), 1, 16)
end

-- Fills `values` for one event, or returns nil and a short error code for the client; fields whose
-- value broke their rules are named by a second (revenue) and a third (age) result: the event is
-- still written; the reason it is a bot's by a fourth (flagged). A bot's event the site drops returns
-- nil, nil, nil and the reason; an event on a page the site blocks, nil and BLOCKED_PAGE. `request` holds
-- what all events of a batch share: site, site_id, arrival_ms, the client's address and user_agent with
-- the visitor id last hashed from them (visitor_day, visitor_id), keep_client_ids and address_key, the
-- parsed user agent, bot_reason and drop_bots, blocked_pages, the geo of the client address and the
-- visitor's language.
local function fill_values(event, request)
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
    local hostname, pathname, query = url_parse(cut(url, URL_MAX_LENGTH))
    if not hostname then
        return nil, "bad_url"
    end
    if request.blocked_pages and blocks_page(request.blocked_pages, pathname) then
        return nil, _M.BLOCKED_PAGE
    end
    local id = event[KEY.event_id]
    if id == nil then
        id = ids.mint()
    else
        id = type(id) == "string" and ids.normalize(id)
        if not id then
            return nil, "bad_id"
        end
    end
    local referrer = cut(string_or_empty(event[KEY.referrer]), REFERRER_MAX_LENGTH)
    local agent = request.agent
    local second, age_rejected = event_time.second(request.arrival_ms, event[KEY.age])
    acquisition.fill(values, query, referrer, hostname)
    values.event_id = id
    values.site_id = request.site_id
    values.ts = event_time.text(second)
    values.name = name
    values.hostname = hostname
    values.pathname = pathname
    values.referrer = referrer
    values.visitor_id = visitor_id_of(event, request, second)
    -- Why the event is a bot's (its batch's reason, else what the event itself claims): flagged, or
    -- dropped by the site's policy.
    local bot_reason = request.bot_reason or claims.event_reason(request, hostname, values.visitor_id)
    if bot_reason and request.drop_bots then
        return nil, nil, nil, bot_reason
    end
    values.browser = agent.browser
    values.browser_version = agent.browser_version
    values.os = agent.os
    values.device = agent.device
    values.is_bot = bot_reason and 1 or 0
    values.country = request.country
    values.region = request.region
    values.city = request.city
    values.language = request.language
    local props = event[KEY.props]
    values.props_keys, values.props_values = split_props(props)
    local field_rejected
    values.revenue_amount, values.revenue_currency, field_rejected = revenue.of(props)
    copy_fields(event)
    element.complete(values, hostname)
    values.el_fingerprint = element_fingerprint()
    return true, field_rejected, age_rejected, bot_reason
end

-- Appends a JSON array of at least one string to parts after index n; returns the new n.
local function append_items(parts, n, items, count, field)
    for i = 1, count do
        parts[n + 1] = i == 1 and '["' or '","'
        parts[n + 2] = json_string(items[i], field.max_length)
        n = n + 2
    end
    parts[n + 1] = '"]'
    return n + 1
end

-- Derives the line template from the loaded contract. Runs at start (and in `nginx -t`): a
-- contract type this module cannot write, or a field it does not fill, stops the edge there
-- instead of failing requests.
function _M.prepare()
    for key, spec in pairs(contract.wire.event) do
        KEY[spec.field] = key
    end
    URL_MAX_LENGTH = contract.wire.event[KEY.url].maxLength
    REFERRER_MAX_LENGTH = contract.by_name.referrer.max_length
    PROPS_MAX_ITEMS = math_min(contract.by_name.props_keys.max_items, contract.by_name.props_values.max_items)
    revenue.configure(contract.revenue, contract.decimal_scale, contract.by_name.revenue_amount.max)
    event_time.configure(contract.wire.maxAgeMs)
    COPIED = {}
    for key, spec in pairs(contract.wire.event) do
        local field = contract.by_name[spec.field]
        if not DERIVED[spec.field] then
            assert(field, "wire key " .. key .. " names no contract field")
            local number = spec.type == "number"
            assert(not number or field.max, "contract field " .. spec.field .. " has no max")
            assert(number or field.max_length, "contract field " .. spec.field .. " has no maxLength")
            COPIED[#COPIED + 1] = { key = key, name = spec.field, field = field, number = number }
        end
    end
    FIELDS = {}
    for i, field in ipairs(contract.fields) do
        local writer = WRITERS[field.type]
        assert(writer, "the edge cannot write contract type " .. field.type)
        local quote = QUOTED[field.type] and '"' or ""
        -- The line opens with the first field, so it is always written.
        assert(i > 1 or field.required, "the contract's first field must be required")
        local before = (i == 1 and "{" or ",") .. '"' .. field.name .. '":' .. quote
        FIELDS[i] = {
            name = field.name,
            writer = writer,
            -- The JSON text before and after the value.
            before = before,
            after = quote ~= "" and quote or nil,
            -- A required field holding its default, whole.
            default = before .. (writer == "array" and "[]" or writer == "raw" and quote == "" and "0" or "")
                .. quote,
            required = field.required,
            max_length = field.max_length,
            max_items = field.max_items,
        }
    end
    FIELD_COUNT = #FIELDS
    local parts = {}
    local n = assert(_M.append(parts, 0, { [KEY.name] = "start", [KEY.url] = "https://sluice.invalid/" },
        { site_id = 0, arrival_ms = 0, visitor_day = 0, visitor_id = "", agent = user_agent.parse(""),
            country = "", region = "", city = "", language = "" }))
    for _, field in ipairs(FIELDS) do
        assert(values[field.name] ~= nil, "the edge fills no value for contract field " .. field.name)
    end
    assert(n > 0)
end

-- Appends the event's NDJSON line (without a newline) to `parts` after index n and returns the
-- new n, the codes of the revenue and the age when they broke their rules (nil when they did not)
-- and the reason the event is flagged as a bot's (nil for a person's); or returns nil and a short
-- error code for the client (BLOCKED_PAGE: dropped, not an error), or nil, nil, nil and the bot reason of
-- an event dropped, leaving parts up to n as they were. `request`: what the batch's events share (see fill_values).
function _M.append(parts, n, event, request)
    local ok, code, age_code, bot_reason = fill_values(event, request)
    if not ok then
        return nil, code, nil, bot_reason
    end
    for i = 1, FIELD_COUNT do
        local field = FIELDS[i]
        local value = values[field.name]
        local writer = field.writer
        if writer == "string" then
            if value ~= "" then
                parts[n + 1] = field.before
                parts[n + 2] = json_string(value, field.max_length)
                parts[n + 3] = '"'
                n = n + 3
            elseif field.required then
                n = n + 1
                parts[n] = field.default
            end
        elseif writer == "raw" then
            if value ~= 0 then
                parts[n + 1] = field.before
                parts[n + 2] = value
                n = n + 2
                if field.after then
                    n = n + 1
                    parts[n] = field.after
                end
            elseif field.required then
                n = n + 1
                parts[n] = field.default
            end
        else
            local count = math_min(#value, field.max_items)
            if count > 0 then
                n = n + 1
                parts[n] = field.before
                n = append_items(parts, n, value, count, field)
            elseif field.required then
                n = n + 1
                parts[n] = field.default
            end
        end
    end
    parts[n + 1] = "}"
    return n + 1, code, age_code, bot_reason
end

-- The event's NDJSON line, or nil and a short error code (for tests and one-off callers).
function _M.build(event, request)
    local parts = {}
    local n, err = _M.append(parts, 0, event, request)
    if not n then
        return nil, err
    end
    return tbl_concat(parts, "", 1, n)
end

return _M
