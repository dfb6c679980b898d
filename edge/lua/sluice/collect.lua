-- The collect endpoint: a JSON batch by POST (text/plain from sendBeacon too) or one event by GET
-- (image fallback). Valid events become NDJSON lines for the buffered access log; the answer is
-- 204 at once, or 4xx with a short code saying what was wrong. No database, no backend call.
--
-- Every input, however malformed, takes one of the paths below: nothing here raises a Lua error,
-- which nginx would log as an error line naming the client (the tests send hostile input and
-- assert an empty error log).
local address_ranges = require "sluice.address_ranges"
local bots = require "sluice.bots"
local cjson = require "cjson.safe"
local claims = require "sluice.claims"
local contract = require "sluice.contract"
local disk = require "sluice.disk"
local geo = require "sluice.geo"
local json = require "sluice.json"
local language = require "sluice.language"
local metrics = require "sluice.metrics"
local row = require "sluice.row"
local signature = require "sluice.signature"
local sites = require "sluice.sites"
local user_agent = require "sluice.user_agent"
local visitor = require "sluice.visitor"

local tonumber = tonumber
local type = type
local tbl_concat = table.concat
local str_gsub = string.gsub
local str_lower = string.lower
local ngx = ngx
local ngx_exit = ngx.exit
local ngx_header = ngx.header
local ngx_print = ngx.print
local ngx_req = ngx.req
local ngx_var = ngx.var
local ngx_now = ngx.now
local ngx_time = ngx.time
local HTTP_NO_CONTENT = ngx.HTTP_NO_CONTENT

local _M = { _VERSION = '0.1' }

-- Deep nesting is never a real event; refusing it early bounds the decoder's work.
local MAX_JSON_DEPTH = 8
-- Keys and values in a batch (see json.more_values_than): the decoder's work is bounded by this
-- count, not by the body's size. A browser's batch of ten events holds a few hundred; fifty events
-- of twenty fields and a dozen properties each still fit.
local MAX_JSON_VALUES = 4096
local MAX_QUERY_ARGS = 16
-- Asked of whoever is refused for the disk budget. Browsers' trackers retry on their own schedule;
-- a site's servers sending signed batches may wait this long: the pipeline needs time to catch up.
local DISK_RETRY_AFTER_SECONDS = "60"
-- The parsed user agent of a signed batch that names none: a site's server speaking for itself.
local SERVER_AGENT = { browser = "", browser_version = "", os = "", device = "", is_bot = 0, bot_kind = "" }

-- Per worker, reused by every request: a request runs to completion before the next one starts
-- here (nothing in the handler yields), so they never share these at the same time.
local parts = {}
local request = {}

local decoder = cjson.new()
decoder.decode_max_depth(MAX_JSON_DEPTH)
-- Strict JSON: NaN, Infinity and hex numbers are malformed bodies, not numbers in a row.
decoder.decode_invalid_numbers(false)
local decode = decoder.decode
local encode = cjson.encode

-- Every answer goes through here or answer(): metrics are counted in the handler rather than in a
-- log phase handler, which would enter Lua a second time per request.
local function finish(status)
    metrics.observe("collect", status)
    return ngx_exit(status)
end

local function answer(status, body)
    ngx.status = status
    ngx_header["Content-Type"] = "application/json"
    ngx_print(encode(body))
    return finish(status)
end

local function reject(code, status)
    metrics.request_rejected(code)
    return answer(status or 400, { error = code })
end

-- A whole batch refused once its site is known: counted for the site too, by its events (at least one,
-- so a batch without events still counts as a refusal).
local function reject_batch(site, events, code, status)
    metrics.site_rejected(site.id, code, type(events) == "table" and #events > 0 and #events or 1)
    return reject(code, status)
end

-- The POST body, or nil, an error code and its status. The limit is checked against
-- Content-Length before anything is read; a body of unknown length (chunked) is refused, as
-- browsers' fetch/sendBeacon and proxies that buffer requests always send its length.
local function read_body()
    local length = tonumber(ngx_var.http_content_length)
    if not length then
        if ngx_var.http_transfer_encoding then
            return nil, "length_required", 411
        end
        return ""
    end
    if length > contract.wire.maxBodyBytes then
        return nil, "body_too_large", 413
    end
    ngx_req.read_body()
    return ngx_req.get_body_data() or ""
end

-- The request as a batch ({s = key, e = events, …}) and, for a POST, its body; or nil, an error
-- code and its status.
local function read_request(method)
    local wire = contract.wire
    if method == "GET" then
        local args = ngx_req.get_uri_args(MAX_QUERY_ARGS)
        return { [wire.siteKey] = args[wire.siteKey], [wire.events] = { args } }
    end
    local body, err, status = read_body()
    if not body then
        return nil, err, status
    end
    if json.more_values_than(body, MAX_JSON_VALUES) then
        return nil, "too_many_values"
    end
    local batch = decode(body)
    if type(batch) ~= "table" then
        return nil, "bad_json"
    end
    return batch, body
end

-- nginx's variable for a request header: X-Sluice-Signature → http_x_sluice_signature.
local function header_variable(name)
    return "http_" .. str_gsub(str_lower(name), "-", "_")
end

-- The signature headers' variables, from the contract (loaded before this module is).
local SIGNATURE_VARIABLE = header_variable(contract.wire.signed.signatureHeader)
local TIMESTAMP_VARIABLE = header_variable(contract.wire.signed.timestampHeader)

-- What a signed batch may name instead of the connection's: an address (IPv4 or IPv6 text only,
-- so nothing else reaches the hash or the geo lookup) and a user agent.
local named_ip = address_ranges.address_text

-- A batch's string, or nil for a value of another type.
local function named_string(value)
    return type(value) == "string" and value or nil
end

-- The client of a request: the connection's (the socket, or the visitor a trusted proxy names, and
-- the request's headers), or for a batch signed by one of the site's secrets, whom the batch names.
-- Returns its address, its user agent (nil for a signed batch that names none), whether the batch
-- was signed, and its Accept-Language value (nil when none is given); or nil and an error code for a
-- bad signature.
local function client_of(method, batch, body, site)
    local signature_header = ngx_var[SIGNATURE_VARIABLE]
    local timestamp_header = ngx_var[TIMESTAMP_VARIABLE]
    if method ~= "POST" or (not signature_header and not timestamp_header) then
        return ngx_var.remote_addr, ngx_var.http_user_agent or "", false, ngx_var.http_accept_language
    end
    local signed = contract.wire.signed
    local ok, code = signature.verify(body, timestamp_header, signature_header, site.secrets, ngx_time(),
        signed.maxSkewSeconds)
    if not ok then
        return nil, code
    end
    -- The request's own headers are the server's: a signed batch names the user's, or none.
    return named_ip(batch[signed.clientIp]) or ngx_var.remote_addr, named_string(batch[signed.userAgent]), true,
        named_string(batch[signed.acceptLanguage])
end

function _M.handle()
    local method = ngx_req.get_method()
    local origin = ngx_var.http_origin
    -- A preflight names no site, so it is answered for any origin some site accepts; the beacon
    -- itself is then checked against its own site's list. (The tracker sends text/plain: no preflight.)
    if method == "OPTIONS" and origin and not sites.preflight_allowed(origin) then
        return reject("origin_not_allowed", 403)
    end
    ngx_header["Access-Control-Allow-Origin"] = origin or "*"
    ngx_header["Vary"] = "Origin"
    if method == "OPTIONS" then
        ngx_header["Access-Control-Allow-Methods"] = "POST, GET, OPTIONS"
        ngx_header["Access-Control-Allow-Headers"] = "Content-Type"
        ngx_header["Access-Control-Max-Age"] = "86400"
        return finish(HTTP_NO_CONTENT)
    end
    if method ~= "POST" and method ~= "GET" then
        return reject("method_not_allowed", 405)
    end
    -- The events folder is at its budget (the pipeline is behind): nothing is read or written.
    if disk.refusing() then
        ngx_header["Retry-After"] = DISK_RETRY_AFTER_SECONDS
        return reject("disk_budget", 503)
    end

    local batch, body, status = read_request(method)
    if not batch then
        return reject(body, status)
    end
    local wire = contract.wire
    local site_key, events = batch[wire.siteKey], batch[wire.events]
    local site = type(site_key) == "string" and sites.lookup(site_key)
    if not site then
        return reject("unknown_site")
    end
    local client_ip, ua, signed, accept_language = client_of(method, batch, body, site)
    if not client_ip then
        return reject_batch(site, events, ua, 401)
    end
    ua = ua and user_agent.significant(ua)
    local refusal = not signed and claims.origin_refusal(site, origin)
    if refusal then
        return reject_batch(site, events, refusal, 403)
    end
    if type(events) ~= "table" or #events == 0 then
        return reject_batch(site, events, "no_events")
    end
    if #events > wire.maxEventsPerBatch then
        return reject_batch(site, events, "too_many_events")
    end
    -- An address the site blocks (its office, its uptime monitor): answered like any beacon, so nothing
    -- tells it apart, and counted for the site's ingest health.
    if site.blocked and address_ranges.contains(site.blocked, client_ip) then
        metrics.events_dropped("blocked_address", #events)
        metrics.site_rejected(site.id, "blocked_address", #events)
        return finish(HTTP_NO_CONTENT)
    end

    local agent = ua and user_agent.parse(ua) or SERVER_AGENT
    -- A signed batch's headers are its server's, not its user's browser's: only its user agent counts.
    local bot_reason = agent.is_bot == 1 and agent.bot_kind
        or not signed and bots.header_reason(ua, accept_language or ngx_var.http_accept, ngx_var.http_sec_ch_ua)
        or nil
    if bot_reason and site.drop_bots then
        -- Answered like any beacon, so a bot learns nothing from the edge's reply.
        metrics.events_dropped("bot", #events)
        metrics.site_bots(site.id, bot_reason, "dropped", #events)
        return finish(HTTP_NO_CONTENT)
    end
    request.site = site
    request.site_id = site.id
    request.arrival_ms = ngx_now() * 1000
    -- The visitor is hashed per event, with the salt of the event's day (row.lua).
    request.client_ip, request.user_agent, request.visitor_day = client_ip, ua or "", nil
    request.keep_client_ids = site.keep_client_ids
    request.bot_reason = bot_reason
    request.drop_bots = site.drop_bots
    request.blocked_pages = site.blocked_pages
    -- Client-minted visitor ids are bounded per client (sluice.claims), by its salted hash: the client
    -- as the edge's limits count it ($sluice_client, nginx.conf: an IPv4 address or an IPv6 /64, whose
    -- addresses one subscriber can rotate through); a site's own server (a signed batch) speaks for
    -- many visitors and is trusted with its ids.
    request.address_key = site.keep_client_ids and not signed
        and claims.address_key(site.id, visitor.id(site.id, ngx_var.sluice_client, "")) or nil
    request.counted_visitor_id = nil
    request.agent = agent
    request.country, request.region, request.city = geo.lookup(client_ip)
    -- A country the site blocks, by its address's: dropped unseen as a blocked address is.
    if site.blocked_countries and site.blocked_countries[request.country] then
        metrics.events_dropped("blocked_country", #events)
        metrics.site_rejected(site.id, "blocked_country", #events)
        return finish(HTTP_NO_CONTENT)
    end
    request.language = language.preferred(accept_language)
    -- The batch's lines go into one reused array, joined once: no string per event.
    -- Events flagged for the batch's own reason are counted once after the loop, not one by one.
    local n, rejected, dropped, flagged_for_batch = 0, nil, 0, 0
    for i = 1, #events do
        local before = n
        if n > 0 then
            n = n + 1
            parts[n] = "\n"
        end
        local appended, code, age_code, event_bot_reason = row.append(parts, n, events[i], request)
        if appended then
            n = appended
            -- Written without the field (revenue) or with the age cut or ignored: counted, as the
            -- answer is still 204.
            if code then
                metrics.field_rejected(code)
            end
            if age_code then
                metrics.field_rejected(age_code)
            end
            if event_bot_reason and event_bot_reason == bot_reason then
                flagged_for_batch = flagged_for_batch + 1
            elseif event_bot_reason then
                metrics.site_bots(site.id, event_bot_reason, "flagged", 1)
            end
        elseif event_bot_reason then
            -- Dropped by the site's bot policy: not written, and not an error the client hears of.
            n = before
            dropped = dropped + 1
            metrics.events_dropped("bot", 1)
            metrics.site_bots(site.id, event_bot_reason, "dropped", 1)
        elseif code == row.BLOCKED_PAGE then
            -- On a page the site blocks: dropped unseen as a blocked address's events are.
            n = before
            dropped = dropped + 1
            metrics.events_dropped(code, 1)
            metrics.site_rejected(site.id, code, 1)
        else
            n = before
            rejected = rejected or {}
            rejected[#rejected + 1] = { index = i - 1, error = code }
            metrics.event_rejected(code)
            metrics.site_rejected(site.id, code, 1)
        end
    end
    if n > 0 then
        ngx_var.sluice_events = tbl_concat(parts, "", 1, n)
    end
    if flagged_for_batch > 0 then
        metrics.site_bots(site.id, bot_reason, "flagged", flagged_for_batch)
    end
    local accepted = #events - dropped - (rejected and #rejected or 0)
    metrics.events_accepted(accepted)
    if accepted > 0 then
        metrics.site_accepted(site.id, accepted)
    end
    if rejected then
        -- Dropped events are answered as accepted: a bot learns nothing from the edge's reply.
        return answer(400, { error = "invalid_events", accepted = accepted + dropped, rejected = rejected })
    end
    return finish(HTTP_NO_CONTENT)
end

return _M
