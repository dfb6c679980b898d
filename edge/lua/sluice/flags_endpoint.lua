-- `GET /telemetry/flags?s=<site key>&i=<user id>&v=<visitor id>`: the site's feature flags as this page
-- should see them, `{"<key>": false | true | "<variant>"}`, evaluated here (sluice.flags) so the tracker
-- carries no evaluation code. Reads only the published documents (sluice.flag_documents): no database,
-- no backend call. An unknown site, a missing document and a hostile query all answer like a site
-- without flags (`{}`), never an error.
--
-- The stable id a flag is bucketed by: the user id when the page identified its user (`i`), else the
-- persistent anonymous id in a persistent-mode site (`v`), else the visitor hash the edge gives the
-- request's events (cookieless: the same for the whole UTC day only, by design: no id outlives the
-- daily salt).
local cjson = require "cjson.safe"
local flag_documents = require "sluice.flag_documents"
local flags = require "sluice.flags"
local geo = require "sluice.geo"
local metrics = require "sluice.metrics"
local sites = require "sluice.sites"
local url = require "sluice.url"
local user_agent = require "sluice.user_agent"
local visitor = require "sluice.visitor"

local type = type
local str_sub = string.sub
local ngx = ngx
local ngx_header = ngx.header
local ngx_md5 = ngx.md5
local ngx_print = ngx.print
local ngx_req = ngx.req
local ngx_var = ngx.var

local _M = { _VERSION = '0.1' }

-- The tracker sends three arguments; more are not read at all.
local MAX_QUERY_ARGS = 8
-- A user id longer than the contract's is cut the same way everywhere it is hashed.
local MAX_ID_BYTES = 256

local max_age

-- `max_age_seconds`: how long a browser may reuse an answer (Cache-Control), part of the bound on
-- how soon a flag change reaches pages (docs/operations.md, "Feature flags").
function _M.init(flags_dir, max_age_seconds)
    flag_documents.init(flags_dir)
    max_age = max_age_seconds
end

local function argument(args, name)
    local value = args[name]
    if type(value) ~= "string" or value == "" then
        return nil
    end
    return #value > MAX_ID_BYTES and str_sub(value, 1, MAX_ID_BYTES) or value
end

-- The page's path: the Referer's (same-origin fetches send the whole URL under the default policy).
local function page_path()
    local referer = ngx_var.http_referer
    if not referer then
        return ""
    end
    local _, path = url.parse(str_sub(referer, 1, 2048))
    return path or ""
end

local function evaluate(site, args)
    local site_flags = flag_documents.get(site.id).flags
    -- Most sites have no flags, and the tracker asks on every page: no hash, parse or lookup for them.
    if #site_flags == 0 then
        return {}
    end
    local ua = user_agent.significant(ngx_var.http_user_agent or "")
    local user_id = argument(args, "i")
    local client_id = site.keep_client_ids and argument(args, "v")
    if client_id and not visitor.is_client_id(client_id) then
        client_id = nil
    end
    local stable_id = user_id or client_id or visitor.id(site.id, ngx_var.remote_addr, ua)
    local agent = user_agent.parse(ua)
    local context = {
        path = page_path(),
        country = (geo.lookup(ngx_var.remote_addr)),
        device = agent.device,
        browser = agent.browser,
        has_user_id = user_id ~= nil,
    }
    return flags.evaluate_all(site_flags, context, stable_id, {})
end

function _M.handle()
    local status = 200
    ngx_header["Content-Type"] = "application/json"
    ngx_header["Cache-Control"] = "private, max-age=" .. max_age
    local args = ngx_req.get_uri_args(MAX_QUERY_ARGS)
    local site_key = args.s
    local site = type(site_key) == "string" and sites.lookup(site_key)
    local values = site and evaluate(site, args) or {}
    local body = cjson.encode(values)
    -- The answer is the ETag: it depends on the document and on who asks, and is a few bytes.
    local etag = '"' .. str_sub(ngx_md5(body), 1, 16) .. '"'
    ngx_header["ETag"] = etag
    if ngx_var.http_if_none_match == etag then
        status = 304
        ngx.status = status
    else
        ngx_print(body)
    end
    metrics.observe("flags", status)
end

return _M
