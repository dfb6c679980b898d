-- Where a visit came from: the referrer's source, and the campaign tags of the page URL.
local lrucache = require "resty.lrucache"
local url = require "sluice.url"

local ipairs = ipairs
local type = type
local str_find = string.find
local str_gmatch = string.gmatch
local str_gsub = string.gsub
local str_sub = string.sub
local ngx_decode_args = ngx.decode_args

local _M = { _VERSION = '0.1' }

-- Hosts that name a source whatever their other labels (a search engine's country domains, a
-- network's subdomains): matched against each label of the referrer's host.
local SOURCE_BY_LABEL = {
    google = "Google", bing = "Bing", duckduckgo = "DuckDuckGo", yahoo = "Yahoo!", yandex = "Yandex",
    baidu = "Baidu", ecosia = "Ecosia", qwant = "Qwant", startpage = "Startpage", naver = "Naver",
    seznam = "Seznam", facebook = "Facebook", instagram = "Instagram", twitter = "Twitter",
    linkedin = "LinkedIn", reddit = "Reddit", youtube = "YouTube", pinterest = "Pinterest",
    tiktok = "TikTok", github = "GitHub", threads = "Threads", mastodon = "Mastodon",
}

-- Hosts whose name alone doesn't say it (link shorteners, apps under another brand).
local SOURCE_BY_HOST = {
    ["t.co"] = "Twitter", ["x.com"] = "Twitter", ["fb.me"] = "Facebook", ["lnkd.in"] = "LinkedIn",
    ["news.ycombinator.com"] = "Hacker News", ["search.brave.com"] = "Brave Search",
    ["youtu.be"] = "YouTube", ["bsky.app"] = "Bluesky",
}

-- Query parameters kept, each stored in the contract field of the same name.
_M.UTM_FIELDS = { "utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content" }
-- Enough for the tags; a page URL with more parameters keeps the first ones.
local MAX_QUERY_ARGS = 64
local NO_ARGS = {}
-- Sources by referring host, per worker: a site's referrers are a few hosts sent over and over.
-- A DNS name is at most 253 bytes, so longer "hosts" are cut there before they key the cache.
local MAX_HOST_BYTES = 253
local SOURCE_CACHE_SIZE = 2000
local source_cache = assert(lrucache.new(SOURCE_CACHE_SIZE))

local function source_of_host(host)
    host = str_gsub(host, "^www%.", "")
    local known = SOURCE_BY_HOST[host]
    if known then
        return known
    end
    for label in str_gmatch(host, "[^.]+") do
        known = SOURCE_BY_LABEL[label]
        if known then
            return known
        end
    end
    return host
end

-- The source of a referrer for a page on `page_host`: a known name, else the referring host
-- without "www."; "" for no referrer, an unparsable one, or a link within the same site.
function _M.source(referrer, page_host)
    if referrer == "" then
        return ""
    end
    local host = url.parse(referrer)
    if not host or host == page_host then
        return ""
    end
    if #host > MAX_HOST_BYTES then
        host = str_sub(host, 1, MAX_HOST_BYTES)
    end
    local source = source_cache:get(host)
    if not source then
        source = source_of_host(host)
        source_cache:set(host, source)
    end
    return source
end

-- The UTM tags of a page URL's query string, each "" when absent (a repeated tag keeps its first
-- value), set in `tags` (a new table when none is given) under the names of UTM_FIELDS.
function _M.utm(query, tags)
    tags = tags or {}
    -- Most page URLs carry no tags: a plain substring check spares decoding their query per event.
    local args = str_find(query, "utm_", 1, true) and ngx_decode_args(query, MAX_QUERY_ARGS) or NO_ARGS
    for _, name in ipairs(_M.UTM_FIELDS) do
        local value = args[name]
        if type(value) == "table" then
            value = value[1]
        end
        tags[name] = type(value) == "string" and value or ""
    end
    return tags
end

return _M
