-- Prometheus metrics of the edge: requests by route and status, request latency, events accepted
-- and refused by reason. Each worker counts in a plain Lua table (no lock per request) and adds its
-- counts to a shared dict once a second; the metrics endpoint reads the dict, so it shows the sum
-- over all workers, at most a second late.
local ipairs = ipairs
local pairs = pairs
local tbl_concat = table.concat
local tbl_sort = table.sort
local str_find = string.find
local str_format = string.format
local str_sub = string.sub
local ngx = ngx
local ngx_log = ngx.log
local ngx_ERR = ngx.ERR
local ngx_now = ngx.now
local ngx_req_start_time = ngx.req.start_time
local ngx_timer_every = ngx.timer.every

local _M = { _VERSION = '0.1' }

local FLUSH_INTERVAL_SECONDS = 1
-- Latency buckets, in seconds: the collect path answers in well under a millisecond when healthy.
local BUCKETS = { 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1 }

local FAMILIES = {
    { name = "sluice_edge_requests_total", type = "counter", help = "Requests answered, by route and status." },
    { name = "sluice_edge_request_duration_seconds", type = "histogram",
        help = "Time from the request's first byte to the answer, by route." },
    { name = "sluice_edge_events_accepted_total", type = "counter", help = "Events written as NDJSON lines." },
    { name = "sluice_edge_events_rejected_total", type = "counter",
        help = "Events refused, by reason (the error code the client got)." },
    { name = "sluice_edge_fields_rejected_total", type = "counter",
        help = "Events written without a field whose value broke its rules, by reason (bad_revenue, bad_currency), "
            .. "or with an age cut to the bound or ignored (bad_age)." },
    { name = "sluice_edge_requests_rejected_total", type = "counter",
        help = "Whole requests refused before any event was read, by reason." },
    { name = "sluice_edge_events_dropped_total", type = "counter",
        help = "Events answered 204 but not written (the site drops bots)." },
    { name = "sluice_edge_site_events_accepted_total", type = "counter",
        help = "Events written as NDJSON lines, by site." },
    { name = "sluice_edge_site_events_rejected_total", type = "counter",
        help = "Events refused once their site was known, by site and reason: an invalid event's code, or its "
            .. "batch's (origin_not_allowed, signature_invalid…; a batch without events counts one)." },
    { name = "sluice_edge_site_bot_events_total", type = "counter",
        help = "Events of bots, by site, kind of bot and what the site's bot policy did (flagged: written "
            .. "with is_bot = 1; dropped: not written)." },
    { name = "sluice_edge_ndjson_rotations_total", type = "counter",
        help = "NDJSON files closed (renamed for the pipeline to ship and delete), by size or age." },
    { name = "sluice_edge_disk_backlog_bytes", type = "gauge",
        help = "Bytes in the events folder: NDJSON the pipeline has not shipped and deleted yet." },
    { name = "sluice_edge_disk_budget_bytes", type = "gauge",
        help = "The most the events folder may hold; beacons are refused (503) before it is passed." },
    { name = "sluice_edge_disk_refusing", type = "gauge",
        help = "1 while beacons are refused because the events folder is at its budget, else 0." },
}

local dict
local pending = {}
-- Series names built once per label value: the log phase runs for every request.
local names = {}

local function series(family, label, value)
    local by_value = names[family .. label]
    if not by_value then
        by_value = {}
        names[family .. label] = by_value
    end
    local name = by_value[value]
    if not name then
        name = family .. "{" .. label .. '="' .. value .. '"}'
        by_value[value] = name
    end
    return name
end

-- A per-site series' name, built once per site and `key` (its label values): the labels after the site's
-- are `format` filled with the values, so a known series costs two table lookups and no string building.
local function site_series(family, site_id, key, format, ...)
    local by_site = names[family]
    if not by_site then
        by_site = {}
        names[family] = by_site
    end
    local by_key = by_site[site_id]
    if not by_key then
        by_key = {}
        by_site[site_id] = by_key
    end
    local name = by_key[key]
    if not name then
        name = family .. '{site="' .. site_id .. '"' .. str_format(format, ...) .. "}"
        by_key[key] = name
    end
    return name
end

local function add(name, n)
    pending[name] = (pending[name] or 0) + n
end

local function flush()
    for name, n in pairs(pending) do
        local _, err = dict:incr(name, n, 0)
        if err then
            ngx_log(ngx_ERR, "metrics: cannot count ", name, ": ", err)
        end
        pending[name] = nil
    end
end

function _M.init(dict_name)
    dict = ngx.shared[dict_name]
    return dict ~= nil
end

function _M.init_worker()
    if not dict then
        return
    end
    local ok, err = ngx_timer_every(FLUSH_INTERVAL_SECONDS, function()
        flush()
    end)
    if not ok then
        ngx_log(ngx_ERR, "metrics: cannot schedule the flush: ", err)
    end
end

function _M.events_accepted(n)
    add("sluice_edge_events_accepted_total", n)
end

function _M.event_rejected(reason)
    add(series("sluice_edge_events_rejected_total", "reason", reason), 1)
end

function _M.field_rejected(reason)
    add(series("sluice_edge_fields_rejected_total", "reason", reason), 1)
end

function _M.request_rejected(reason)
    add(series("sluice_edge_requests_rejected_total", "reason", reason), 1)
end

function _M.events_dropped(reason, n)
    add(series("sluice_edge_events_dropped_total", "reason", reason), n)
end

function _M.site_accepted(site_id, n)
    add(site_series("sluice_edge_site_events_accepted_total", site_id, "", ""), n)
end

-- `reason` comes from a fixed set of codes, never from the request, so the series stay few.
function _M.site_rejected(site_id, reason, n)
    add(site_series("sluice_edge_site_events_rejected_total", site_id, reason, ',reason="%s"', reason), n)
end

-- Once a batch: `kind` and `action` make the key (a few of each, fixed sets).
function _M.site_bots(site_id, kind, action, n)
    add(site_series("sluice_edge_site_bot_events_total", site_id, kind .. action, ',kind="%s",action="%s"',
        kind, action), n)
end

function _M.ndjson_rotated()
    add("sluice_edge_ndjson_rotations_total", 1)
end

-- The events folder's size, its budget and whether beacons are refused: measured by one worker at a
-- time (sluice.disk), so set in the dict as they are rather than summed over workers.
function _M.disk(backlog, budget, refusing)
    dict:set("sluice_edge_disk_backlog_bytes", backlog)
    dict:set("sluice_edge_disk_budget_bytes", budget)
    dict:set("sluice_edge_disk_refusing", refusing and 1 or 0)
end

-- A request of `route` answered with `status`: counted, with the time since its first byte.
function _M.observe(route, status)
    local route_series = names[route]
    if not route_series then
        route_series = { requests = {}, buckets = {} }
        for i, le in ipairs(BUCKETS) do
            route_series.buckets[i] = 'sluice_edge_request_duration_seconds_bucket{route="' .. route
                .. '",le="' .. le .. '"}'
        end
        route_series.inf = 'sluice_edge_request_duration_seconds_bucket{route="' .. route .. '",le="+Inf"}'
        route_series.sum = 'sluice_edge_request_duration_seconds_sum{route="' .. route .. '"}'
        route_series.count = 'sluice_edge_request_duration_seconds_count{route="' .. route .. '"}'
        names[route] = route_series
    end
    local requests = route_series.requests[status]
    if not requests then
        requests = 'sluice_edge_requests_total{route="' .. route .. '",status="' .. status .. '"}'
        route_series.requests[status] = requests
    end
    add(requests, 1)
    local seconds = ngx_now() - ngx_req_start_time()
    for i = #BUCKETS, 1, -1 do
        if seconds > BUCKETS[i] then
            break
        end
        add(route_series.buckets[i], 1)
    end
    add(route_series.inf, 1)
    add(route_series.sum, seconds)
    add(route_series.count, 1)
end

-- Log phase of a location whose answer is not made in Lua (the tracker file, rate-limit refusals).
function _M.log(route)
    _M.observe(route, ngx.status)
end

-- The family a series belongs to: its name before labels, without a histogram's suffix.
local function family_of(name)
    local brace = str_find(name, "{", 1, true)
    local bare = brace and str_sub(name, 1, brace - 1) or name
    for _, suffix in ipairs({ "_bucket", "_sum", "_count" }) do
        local base = str_sub(bare, 1, #bare - #suffix)
        if str_sub(bare, -#suffix) == suffix and base == "sluice_edge_request_duration_seconds" then
            return base
        end
    end
    return bare
end

-- The metrics endpoint: Prometheus text format 0.0.4.
function _M.serve()
    flush()
    local by_family = {}
    for _, name in ipairs(dict:get_keys(0)) do
        local family = family_of(name)
        local list = by_family[family] or {}
        list[#list + 1] = name
        by_family[family] = list
    end
    local out = {}
    for _, family in ipairs(FAMILIES) do
        out[#out + 1] = "# HELP " .. family.name .. " " .. family.help
        out[#out + 1] = "# TYPE " .. family.name .. " " .. family.type
        local list = by_family[family.name] or {}
        tbl_sort(list)
        for _, name in ipairs(list) do
            out[#out + 1] = name .. " " .. str_format("%.17g", dict:get(name) or 0)
        end
    end
    ngx.header["Content-Type"] = "text/plain; version=0.0.4"
    ngx.print(tbl_concat(out, "\n"), "\n")
end

return _M
