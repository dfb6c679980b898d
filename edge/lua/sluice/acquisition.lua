-- Where a visit came from: the referrer's source, the campaign tags of the page URL, and the channel
-- both give (edge/README.md, Referrers and Channels).
local lrucache = require "resty.lrucache"
local referrers = require "sluice.data.referrers"
local url = require "sluice.url"

local ipairs = ipairs
local type = type
local str_find = string.find
local str_gsub = string.gsub
local str_lower = string.lower
local str_sub = string.sub
local ngx_decode_args = ngx.decode_args

local _M = { _VERSION = '0.2' }

-- The vendored list: host → { source, medium }, and source name → medium (sluice.data.referrers).
local HOSTS = referrers.hosts
local NAMES = referrers.names

-- A listed host's medium as a channel: a source the list names without a medium (Google Maps) is a
-- referral like any other site.
local CHANNEL_OF_MEDIUM = {
    search = "search", social = "social", email = "email", paid = "paid", video = "video", ai = "ai",
    referral = "referral", unknown = "referral",
}

-- utm_medium values that decide the channel, lower-cased, as GA4's default channel grouping reads
-- them (Paid, Display, Email, Organic Social, Organic Search, Referral and Affiliates), plus
-- "newsletter"; the paid and video patterns are in channel_of_medium.
local CHANNEL_OF_UTM_MEDIUM = {
    ppc = "paid", retargeting = "paid", display = "paid", banner = "paid", expandable = "paid",
    interstitial = "paid",
    email = "email", ["e-mail"] = "email", e_mail = "email", ["e mail"] = "email", newsletter = "email",
    social = "social", ["social-network"] = "social", ["social-media"] = "social", sm = "social",
    ["social network"] = "social", ["social media"] = "social",
    organic = "search",
    referral = "referral", app = "referral", link = "referral", affiliate = "referral",
}

-- A utm_source naming email itself (GA4's Email rule reads the source too).
local EMAIL_SOURCES = { email = true, ["e-mail"] = true, e_mail = true, ["e mail"] = true }

-- Ad click ids an ad network appends to the landing page's URL, in the order they are looked for,
-- and the source each names when the referrer is empty (a click from an app, or a referrer policy
-- that sends none). Any of them makes the visit paid. Facebook appends fbclid to organic shares too:
-- its visits count as paid, as asked of the edge (issue 19).
local CLICK_IDS = {
    { "gclid", "Google" }, { "gbraid", "Google" }, { "wbraid", "Google" }, { "msclkid", "Bing" },
    { "fbclid", "Facebook" }, { "ttclid", "TikTok" }, { "twclid", "Twitter" }, { "li_fat_id", "LinkedIn" },
}
-- Substrings one of which every click id holds: a query string with none of them (and no "utm_")
-- is not decoded.
local CLICK_ID_MARKS = { "clid", "clkid", "braid", "li_fat_id" }

-- Query parameters kept, each stored in the contract field of the same name.
_M.UTM_FIELDS = { "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content" }
-- Enough for the tags; a page URL with more parameters keeps the first ones.
local MAX_QUERY_ARGS = 64
local NO_ARGS = {}

-- Per worker: a site's referrers and tags are a few values sent over and over. Every key is cut
-- first: a DNS name is at most 253 bytes, and a longer host or tag can't be a listed one anyway.
local MAX_HOST_BYTES = 253
local REFERRER_CACHE_SIZE = 2000
local TAG_CACHE_SIZE = 500
-- Referring host → { source, medium }: the listed entry, or the host itself as a referral.
local referrer_cache = assert(lrucache.new(REFERRER_CACHE_SIZE))
-- utm_medium and utm_source → the channel they decide, or NONE.
local medium_cache = assert(lrucache.new(TAG_CACHE_SIZE))
local source_cache = assert(lrucache.new(TAG_CACHE_SIZE))
local NONE = ""

local function cut(text)
    return #text > MAX_HOST_BYTES and str_sub(text, 1, MAX_HOST_BYTES) or text
end

local function without_www(host)
    return str_sub(host, 1, 4) == "www." and str_sub(host, 5) or host
end

-- The list's entry for a host or the nearest of its parent domains (m.facebook.com → facebook.com;
-- gemini.google.com has its own), or nil.
local function listed(host)
    local from = 1
    while true do
        local entry = HOSTS[from == 1 and host or str_sub(host, from)]
        if entry then
            return entry
        end
        local dot = str_find(host, ".", from, true)
        if not dot then
            return nil
        end
        from = dot + 1
    end
end

-- The referrer's { source, medium } for a page on `page_host`; nil for no referrer, an unparsable
-- one, or a link within the same site.
local function referrer_entry(referrer, page_host)
    if referrer == "" then
        return nil
    end
    local host = url.parse(referrer)
    if not host or host == page_host then
        return nil
    end
    host = cut(host)
    local entry = referrer_cache:get(host)
    if not entry then
        local bare = without_www(host)
        entry = listed(bare) or { bare, "referral" }
        referrer_cache:set(host, entry)
    end
    return entry
end

-- The channel a utm_medium decides (lower-case), or nil. Besides the exact values: GA4's paid
-- pattern ^(.*cp.*|ppc|retargeting|paid.*)$ (cpc, cpm, cpv, …) and its video one ^(.*video.*)$.
local function channel_of_medium(medium)
    local channel = CHANNEL_OF_UTM_MEDIUM[medium]
    if channel then
        return channel
    end
    if str_find(medium, "cp", 1, true) or str_sub(medium, 1, 4) == "paid" then
        return "paid"
    end
    if str_find(medium, "video", 1, true) then
        return "video"
    end
    return nil
end

-- The channel a utm_source decides (lower-case), or nil: email itself, a listed host
-- (utm_source=chatgpt.com, as ChatGPT tags its links) or a listed source's name (google, facebook).
local function channel_of_source(source)
    if EMAIL_SOURCES[source] then
        return "email"
    end
    local entry = listed(without_www(source))
    if entry then
        return CHANNEL_OF_MEDIUM[entry[2]]
    end
    local medium = NAMES[str_gsub(source, "[^%w]", "")]
    return medium and CHANNEL_OF_MEDIUM[medium]
end

-- A tag's channel through its cache (`classify` runs once per distinct tag), or nil.
local function tag_channel(cache, classify, tag)
    tag = cut(tag)
    local channel = cache:get(tag)
    if not channel then
        channel = classify(str_lower(tag)) or NONE
        cache:set(tag, channel)
    end
    return channel ~= NONE and channel or nil
end

-- The decoded query string of a page URL when it may hold campaign tags or a click id; most page URLs
-- carry neither, and plain substring checks spare decoding their query per event.
local function campaign_args(query)
    if query == "" then
        return NO_ARGS
    end
    if str_find(query, "utm_", 1, true) then
        return ngx_decode_args(query, MAX_QUERY_ARGS)
    end
    for i = 1, #CLICK_ID_MARKS do
        if str_find(query, CLICK_ID_MARKS[i], 1, true) then
            return ngx_decode_args(query, MAX_QUERY_ARGS)
        end
    end
    return NO_ARGS
end

-- The first value of a query parameter ("" when absent or valueless).
local function first_value(value)
    if type(value) == "table" then
        value = value[1]
    end
    return type(value) == "string" and value or ""
end

-- The source a click id of `args` names, or nil when it has none.
local function clicked_source(args)
    if args == NO_ARGS then
        return nil
    end
    for i = 1, #CLICK_IDS do
        local click = CLICK_IDS[i]
        if first_value(args[click[1]]) ~= "" then
            return click[2]
        end
    end
    return nil
end

-- The visit's channel, in the order GA4's default channel grouping decides: a click id or a paid
-- medium, then what utm_medium says, then utm_source, then the referrer's kind; any other tagged
-- link or referrer is a referral, and nothing at all is direct.
local function channel_of(values, referred, clicked)
    if clicked then
        return "paid"
    end
    local medium = values.utm_medium
    local source = values.utm_source
    local channel = medium ~= "" and tag_channel(medium_cache, channel_of_medium, medium)
        or source ~= "" and tag_channel(source_cache, channel_of_source, source)
    if channel then
        return channel
    end
    if referred then
        return CHANNEL_OF_MEDIUM[referred[2]]
    end
    if medium ~= "" or source ~= "" or values.utm_campaign ~= "" then
        return "referral"
    end
    return "direct"
end

-- Sets the event's UTM tags (each "" when absent; a repeated tag keeps its first value),
-- referrer_source and channel in `values`, from the page URL's query string and host and the
-- referrer. referrer_source: the listed source's name, else the referring host without "www.";
-- when there is no referrer, the ad network of a click id, else "".
function _M.fill(values, query, referrer, page_host)
    local args = campaign_args(query)
    for _, name in ipairs(_M.UTM_FIELDS) do
        values[name] = first_value(args[name])
    end
    local referred = referrer_entry(referrer, page_host)
    local clicked = clicked_source(args)
    values.referrer_source = referred and referred[1] or clicked or ""
    values.channel = channel_of(values, referred, clicked)
    return values
end

return _M
