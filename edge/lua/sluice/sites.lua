-- Public site keys → sites, from the file the backend writes atomically. Every worker re-reads it
-- on a timer, so a change applies within seconds without a reload and no request waits on it.
local cjson = require "cjson.safe"

local io_open = io.open
local ipairs = ipairs
local type = type
local ngx_log = ngx.log
local ngx_WARN = ngx.WARN
local ngx_timer_every = ngx.timer.every

local _M = { _VERSION = '0.1' }

local RELOAD_INTERVAL_SECONDS = 2

local path
local last_text
local by_key = {}
-- One warning per kind of trouble, not one every two seconds.
local warned

local function warn_once(message)
    if warned ~= message then
        warned = message
        ngx_log(ngx_WARN, "sites file ", path, ": ", message, "; keeping the last good set")
    end
end

local function reload()
    local file = io_open(path, "rb")
    if not file then
        return warn_once("missing or unreadable")
    end
    local text = file:read("*a")
    file:close()
    if text == last_text then
        return
    end
    local parsed = cjson.decode(text)
    if type(parsed) ~= "table" or type(parsed.sites) ~= "table" then
        return warn_once("not a JSON object with a sites list")
    end
    local fresh = {}
    for _, site in ipairs(parsed.sites) do
        if type(site) == "table" and type(site.key) == "string" and type(site.id) == "number" then
            fresh[site.key] = { id = site.id }
        end
    end
    by_key = fresh
    last_text = text
    warned = nil
end

function _M.init(sites_file)
    path = sites_file
    reload()
end

function _M.init_worker()
    local ok, err = ngx_timer_every(RELOAD_INTERVAL_SECONDS, function(premature)
        if not premature then
            reload()
        end
    end)
    if not ok then
        ngx_log(ngx.ERR, "cannot schedule the sites reload: ", err)
    end
end

function _M.lookup(key)
    return by_key[key]
end

return _M
