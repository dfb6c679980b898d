-- Bots, and why a beacon is taken for one. The reason is a metric label (per site, on the panel's
-- ingest-health page), so it comes from the fixed set below and never from the request:
--   crawler             the user agent matches isbot's maintained pattern (data/bot_patterns.lua):
--                       crawlers, monitors, previews, scrapers;
--   automation          a headless or remote-controlled browser (HeadlessChrome, PhantomJS, Selenium,
--                       Puppeteer, Playwright…), by its user agent or its Sec-CH-UA brands;
--   library             an HTTP library or command-line client (curl, python-requests, Go-http-client…);
--   no_user_agent       no User-Agent at all: a script, not a person's browser;
--   impossible_headers  headers no real browser sends together (see header_reason).
-- The user agent's reason is worked out once per distinct user agent (user_agent.lua caches it with
-- the rest of the parse); the header checks are a few nil tests and plain searches per request.
local patterns = require "sluice.data.bot_patterns"

local ipairs = ipairs
local tostring = tostring
local str_find = string.find
local str_lower = string.lower
local str_sub = string.sub
local re_find = ngx.re.find

local _M = { _VERSION = '0.1', pattern_version = patterns.version }

-- Only the first bytes of a user agent are read (as user_agent.lua does): a real one names itself
-- well within them, and a client may send 8 KB in a header or 64 KB in a signed batch.
local MAX_BYTES = 500
-- ngx.re options: JIT-compiled, compiled once per worker and cached, caseless (isbot matches so).
local PATTERN_OPTIONS = "joi"

-- Markers of the kinds isbot's one pattern does not tell apart, searched for in the lower-cased user
-- agent before it; anything else the pattern matches is a crawler. Automation first: a headless
-- browser driven through an HTTP library is automation.
local AUTOMATION_MARKERS = {
    "headlesschrome", "headless", "phantomjs", "slimerjs", "selenium", "webdriver", "puppeteer",
    "playwright", "cypress/", "nightmare",
}
local LIBRARY_MARKERS = {
    "curl/", "wget/", "python-requests", "python-urllib", "python-httpx", "aiohttp", "go-http-client",
    "java/", "okhttp", "apache-httpclient", "axios/", "node-fetch", "undici", "libwww-perl", "guzzlehttp",
    "httpie", "scrapy", "postmanruntime",
}

-- A pattern PCRE cannot compile would make every beacon a person: stop the edge at start instead
-- (this module is loaded in nginx's master, before workers fork).
for _, name in ipairs({ "anchored", "unanchored" }) do
    local from, _, err = re_find("", patterns[name], PATTERN_OPTIONS)
    assert(not err, "isbot's " .. name .. " pattern does not compile: " .. tostring(err))
    assert(not from, "isbot's " .. name .. " pattern matches an empty user agent")
end

local function has_marker(lower, markers)
    for i = 1, #markers do
        if str_find(lower, markers[i], 1, true) then
            return true
        end
    end
    return false
end

-- Why a user agent is a bot's, or nil for what may be a person's browser.
function _M.user_agent_reason(ua)
    if ua == "" then
        return "no_user_agent"
    end
    if #ua > MAX_BYTES then
        ua = str_sub(ua, 1, MAX_BYTES)
    end
    local lower = str_lower(ua)
    if has_marker(lower, AUTOMATION_MARKERS) then
        return "automation"
    end
    if has_marker(lower, LIBRARY_MARKERS) then
        return "library"
    end
    -- A match error (PCRE's backtracking limit, which the 500-byte cut makes unlikely) fails open:
    -- wrongly flagging a person costs more than letting one odd client through.
    if re_find(ua, patterns.anchored, PATTERN_OPTIONS) or re_find(ua, patterns.unanchored, PATTERN_OPTIONS) then
        return "crawler"
    end
    return nil
end

-- Why a browser's request headers give it away, or nil. Chosen because every browser this edge
-- serves behaves so, whatever its settings:
--   * a user agent claiming a browser ("Mozilla/…") with neither Accept nor Accept-Language:
--     browsers send both with every fetch, beacon and image request;
--   * Sec-CH-UA (sent only by Chromium-based browsers) naming Chromium while the user agent names no
--     Chrome: another client that copied a browser's user agent, or a browser lying about itself;
--   * Sec-CH-UA naming HeadlessChrome, whatever the user agent claims: automation.
-- `ua` is the request's (never a signed batch's: a site's server sends its own headers);
-- `accept_or_language` its Accept-Language value, else its Accept value (nil when it sent neither: the
-- caller reads the second header only when the first is missing).
function _M.header_reason(ua, accept_or_language, sec_ch_ua)
    if not accept_or_language and str_find(ua, "Mozilla/", 1, true) == 1 then
        return "impossible_headers"
    end
    if sec_ch_ua then
        if str_find(sec_ch_ua, "HeadlessChrome", 1, true) then
            return "automation"
        end
        if str_find(sec_ch_ua, '"Chromium"', 1, true) and not str_find(ua, "Chrome/", 1, true) then
            return "impossible_headers"
        end
    end
    return nil
end

return _M
