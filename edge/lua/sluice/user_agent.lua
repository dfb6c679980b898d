-- User agent → browser, major version, OS, device type and bot flag. Parsed once per distinct
-- user agent per worker: a busy site sends the same few hundred strings over and over.
local bots = require "sluice.bots"
local lrucache = require "resty.lrucache"

local ipairs = ipairs
local str_find = string.find
local str_match = string.match
local str_sub = string.sub

local _M = { _VERSION = '0.1' }

-- Only the first bytes of a user agent are read (and are the cache key): real ones name browser,
-- OS and device well within them, and a client may send 8 KB in the header or 64 KB in a signed
-- batch. ua-parser-js cuts user agents at 500 characters for the same reason.
local MAX_BYTES = 500
local CACHE_SIZE = 2000
local cache = assert(lrucache.new(CACHE_SIZE))

-- First match wins, so brands built on Chrome or Safari come before them. Every pattern runs in
-- time linear in the user agent: where two neighbouring items could match the same bytes,
-- `%f[^%d]` ends the number where its digits end, so a failed match gives up at once instead of
-- trying every split of the run between them (`(%d+)[%d.]*` tries them all: quadratic), and no
-- `.*` scans to the end and back.
local BROWSERS = {
    { "Edge", "Edg[AaEe]?/(%d+)" },
    { "Opera", "OPR/(%d+)" },
    { "Samsung Internet", "SamsungBrowser/(%d+)" },
    { "Yandex Browser", "YaBrowser/(%d+)" },
    { "Firefox", "Firefox/(%d+)" },
    { "Firefox", "FxiOS/(%d+)" },
    { "Chrome", "CriOS/(%d+)" },
    { "Chrome", "Chrome/(%d+)" },
    { "Safari", "Version/(%d+)%f[^%d][%d.]* Mobile/%w+ Safari/" },
    { "Safari", "Version/(%d+)%f[^%d][%d.]* Safari/" },
    { "Internet Explorer", "MSIE (%d+)" },
    -- Internet Explorer 11: "Trident/7.0; rv:11.0) like Gecko".
    { "Internet Explorer", "; rv:(%d+)%f[^%d][%d.]*%) like Gecko" },
}

local OPERATING_SYSTEMS = {
    { "iOS", "iPhone" }, { "iOS", "iPad" }, { "iOS", "iPod" },
    { "Android", "Android" }, { "Chrome OS", "CrOS" },
    { "Windows", "Windows" }, { "macOS", "Macintosh" }, { "Linux", "Linux" },
}

local function browser_of(ua)
    for _, entry in ipairs(BROWSERS) do
        local version = str_match(ua, entry[2])
        if version then
            return entry[1], version
        end
    end
    return "", ""
end

local function os_of(ua)
    for _, entry in ipairs(OPERATING_SYSTEMS) do
        if str_find(ua, entry[2], 1, true) then
            return entry[1]
        end
    end
    return ""
end

local function device_of(ua, os, bot)
    if bot then
        return "bot"
    end
    if str_find(ua, "iPad", 1, true) or str_find(ua, "Tablet", 1, true)
        or (os == "Android" and not str_find(ua, "Mobile", 1, true)) then
        return "tablet"
    end
    if str_find(ua, "Mobi", 1, true) or str_find(ua, "iPhone", 1, true) then
        return "mobile"
    end
    return "desktop"
end

local function parse(ua)
    -- Bot detection is sluice.bots' job; its reason is cached here with the rest of the parse.
    local kind = bots.user_agent_reason(ua)
    local bot = kind ~= nil
    local browser, version = browser_of(ua)
    local os = os_of(ua)
    return {
        browser = browser,
        browser_version = version,
        os = os,
        device = device_of(ua, os, bot),
        is_bot = bot and 1 or 0,
        bot_kind = kind or "",
    }
end

-- The parsed user agent; the returned table is shared through the cache and must not be changed.
function _M.parse(ua)
    if #ua > MAX_BYTES then
        ua = str_sub(ua, 1, MAX_BYTES)
    end
    local parsed = cache:get(ua)
    if not parsed then
        parsed = parse(ua)
        cache:set(ua, parsed)
    end
    return parsed
end

return _M
