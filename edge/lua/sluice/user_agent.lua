-- User agent → browser, major version, OS, device type and bot flag. Parsed once per distinct
-- user agent per worker: a busy site sends the same few hundred strings over and over.
local bots = require "sluice.bots"
local ffi = require "ffi"
local lrucache = require "resty.lrucache"
local uap = require "sluice.data.uap_rules"

local ipairs = ipairs
local pairs = pairs
local tonumber = tonumber
local ngx_log = ngx.log
local ngx_ERR = ngx.ERR
local re_match = ngx.re.match
local str_byte = string.byte
local str_find = string.find
local str_gsub = string.gsub
local str_lower = string.lower
local str_sub = string.sub

local _M = { _VERSION = '0.1' }

-- Only the first bytes of a user agent are read (and are the cache key): real ones name browser,
-- OS and device well within them, and a client may send 8 KB in the header or 64 KB in a signed
-- batch. ua-parser-js cuts user agents at 500 characters for the same reason.
local MAX_BYTES = 500
local CACHE_SIZE = 2000
local cache = assert(lrucache.new(CACHE_SIZE))

-- uap-core's name for what none of its rules recognises.
local OTHER = "Other"
local SPACE = 32
-- Device families uap-core gives tablets (any family naming "Tablet" is one too).
local TABLET_DEVICES = { ["iPad"] = true, ["Kindle"] = true, ["Generic Tablet"] = true }
-- Device families that name no handset: none at all (what desktops get), a Mac, a crawler.
local NOT_HANDSETS = { [""] = true, ["Mac"] = true, ["Spider"] = true }
-- Systems only phones run (tablets among them were told apart above).
local MOBILE_OS = {
    ["iOS"] = true, ["Android"] = true, ["Windows Phone"] = true, ["Windows Mobile"] = true,
    ["BlackBerry OS"] = true, ["KaiOS"] = true, ["Symbian OS"] = true, ["Firefox OS"] = true,
    ["HarmonyOS"] = true, ["Sailfish"] = true, ["Bada"] = true, ["webOS"] = true,
}
-- Rules this worker's PCRE refused to compile (init_worker): skipped.
local broken = {}

-- The pairs of neighbouring bytes the user agent being parsed holds, by value (256 * first +
-- second): set before its rules run, cleared after, reused by every parse of this worker. A literal
-- whose first two bytes are not among them can't be in the user agent, which spares its search:
-- the search itself is slow on hostile input (500 bytes of "a" against every literal starting
-- with "a"), and this check costs one array read. A mark left behind by an error in between
-- would only cost a search.
local pairs_held = ffi.new("uint8_t[?]", 65536)

local function mark_pairs(lower, held)
    for i = 1, #lower - 1 do
        local first, second = str_byte(lower, i, i + 1)
        pairs_held[first * 256 + second] = held
    end
end

-- The first byte pair of each literal a rule requires (-1 for a one-byte literal), by rule,
-- computed once at load.
local NO_PAIR = -1
local heads_of = {}
for _, rules in pairs(uap) do
    for _, rule in ipairs(rules) do
        local requires = rule.requires
        if requires then
            local heads = {}
            for r, any_of in ipairs(requires) do
                heads[r] = {}
                for i, literal in ipairs(any_of) do
                    local first, second = str_byte(literal, 1, 2)
                    heads[r][i] = second and first * 256 + second or NO_PAIR
                end
            end
            heads_of[rule] = heads
        end
    end
end

-- Whether the lower-cased user agent holds one of these literals.
local function holds_any(lower, literals, heads)
    for i = 1, #literals do
        local head = heads[i]
        if (head == NO_PAIR or pairs_held[head] ~= 0) and str_find(lower, literals[i], 1, true) then
            return true
        end
    end
    return false
end

-- Whether the user agent meets every requirement of the rule: substrings every match of it
-- contains, each requirement met by any one of its literals (a rule without any may match
-- anything). Cheap checks that skip most rules' regex.
local function may_match(rule, lower)
    local requires = rule.requires
    if not requires then
        return true
    end
    local heads = heads_of[rule]
    for r = 1, #requires do
        if not holds_any(lower, requires[r], heads[r]) then
            return false
        end
    end
    return true
end

-- uap-core's rules (data/uap_rules.lua, generated): each list is tried in order and the first
-- rule that matches names the browser, the OS or the device, as uap-core's specification says.
-- The literals cost a few plain searches, so a user agent runs only a few of the thousand patterns.
local function first_match(rules, ua, lower)
    for i = 1, #rules do
        local rule = rules[i]
        if not broken[rule] and may_match(rule, lower) then
            -- Every pattern compiled at the worker's start (init_worker), so an error here is PCRE's
            -- match limit on this input: the rule doesn't match it. Not logged: a request's log line
            -- names its client.
            local captures = re_match(ua, rule.regex, rule.options)
            if captures then
                return rule, captures
            end
        end
    end
    return nil
end

-- The captures of the rule being expanded: `capture` is gsub's callback, made once.
local current
local function capture(digit)
    return current[tonumber(digit)] or ""
end

-- A value without its surrounding spaces, or nil when nothing is left (uap-core's "no value").
local function trimmed(value)
    local first = str_find(value, "%S")
    if not first then
        return nil
    end
    local last = #value
    while str_byte(value, last) <= SPACE do
        last = last - 1
    end
    return str_sub(value, first, last)
end

-- A field of the matching rule: its template with $1 … $9 replaced by the captures, or else the
-- capture uap-core assigns that field by position.
local function field(rule, captures, template_name, position)
    local template = rule[template_name]
    if template then
        current = captures
        local value = str_gsub(template, "%$(%d)", capture)
        current = nil
        return trimmed(value)
    end
    local value = position and captures[position]
    return value and trimmed(value) or nil
end

-- What uap-core calls an unknown family is empty in a row, as the contract says.
local function known(family)
    return family ~= nil and family ~= OTHER and family or ""
end

local function browser_of(ua, lower)
    local rule, captures = first_match(uap.user_agent, ua, lower)
    if not rule then
        return "", ""
    end
    return known(field(rule, captures, "family", 1)), field(rule, captures, "v1", 2) or ""
end

local function os_of(ua, lower)
    local rule, captures = first_match(uap.os, ua, lower)
    return rule and known(field(rule, captures, "os", 1)) or ""
end

local function device_family_of(ua, lower)
    local rule, captures = first_match(uap.device, ua, lower)
    return rule and known(field(rule, captures, "device", 1)) or ""
end

-- uap-core names a device (a model, a brand's phone, "iPad", "Generic Smartphone", …) but not its
-- form: a tablet is a device it names as one, or Android without the "Mobile" token (Android's
-- browsers leave it out on tablets: Google's own advice for telling them apart); a phone is any
-- other device uap-core names (it gives desktops none, but Macs and crawlers) or a phone's OS; the rest
-- are desktops. Bots are bots, whatever they claim.
local function device_of(ua, os, device, bot)
    if bot then
        return "bot"
    end
    if TABLET_DEVICES[device] or str_find(device, "Tablet", 1, true)
        or (os == "Android" and not str_find(ua, "Mobile", 1, true)) then
        return "tablet"
    end
    if MOBILE_OS[os] or not NOT_HANDSETS[device] then
        return "mobile"
    end
    return "desktop"
end

local function parse(ua)
    local lower = str_lower(ua)
    -- Bot detection is sluice.bots' job; its reason is cached here with the rest of the parse.
    local kind = bots.user_agent_reason(ua)
    local bot = kind ~= nil
    mark_pairs(lower, 1)
    local browser, version = browser_of(ua, lower)
    local os = os_of(ua, lower)
    -- A bot's device type is "bot" whatever it claims: its device needs no lookup.
    local device_family = bot and "" or device_family_of(ua, lower)
    mark_pairs(lower, 0)
    return {
        browser = browser,
        browser_version = version,
        os = os,
        device = device_of(ua, os, device_family, bot),
        is_bot = bot and 1 or 0,
        bot_kind = kind or "",
    }
end

-- Compiles every rule once, at the worker's start: a pattern this worker's PCRE refuses is logged
-- here, where no request is named, and skipped from then on (fail open: it costs only its own
-- rule); the others are in ngx.re's cache before the first beacon.
function _M.init_worker()
    for _, rules in pairs(uap) do
        for _, rule in ipairs(rules) do
            local _, err = re_match("", rule.regex, rule.options)
            if err then
                broken[rule] = true
                ngx_log(ngx_ERR, "user agent rule skipped: ", err, ": ", rule.regex)
            end
        end
    end
end

-- The part of a user agent that counts: its first MAX_BYTES. The visitor hash reads only these too,
-- so a signed batch naming a 64 KB user agent doesn't make each of its events hash 64 KB.
function _M.significant(ua)
    if #ua > MAX_BYTES then
        return str_sub(ua, 1, MAX_BYTES)
    end
    return ua
end

-- The parsed user agent; the returned table is shared through the cache and must not be changed.
function _M.parse(ua)
    ua = _M.significant(ua)
    local parsed = cache:get(ua)
    if not parsed then
        parsed = parse(ua)
        cache:set(ua, parsed)
    end
    return parsed
end

return _M
