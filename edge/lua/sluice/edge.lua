-- Start-up of the edge: nginx's init (master) and init_worker phases.
local claims = require "sluice.claims"
local contract = require "sluice.contract"
local disk = require "sluice.disk"
local flags_endpoint = require "sluice.flags_endpoint"
local geo = require "sluice.geo"
local ids = require "sluice.ids"
local metrics = require "sluice.metrics"
local row = require "sluice.row"
local sites = require "sluice.sites"
local user_agent = require "sluice.user_agent"
local visitor = require "sluice.visitor"

local os_getenv = os.getenv

local _M = { _VERSION = '0.1' }

-- The geo databases: GEOIP_DB (a GeoLite2/GeoIP2 City file, both address families) when set, else
-- the rendered defaults. Without them the edge runs on, with country, region and city empty.
local function open_geo(config)
    local override = os_getenv("GEOIP_DB")
    local ipv4, ipv6 = config.geo_ipv4, config.geo_ipv6
    if override and override ~= "" then
        ipv4, ipv6 = override, override
    end
    local ok, err = geo.open(ipv4, ipv6)
    if not ok then
        ngx.log(ngx.WARN, err, "; country, region and city stay empty")
    end
end

-- Runs in the master before workers fork, so they inherit the contract, sites and salt.
-- A missing contract or salt is fatal: the edge must not accept events it cannot write correctly.
function _M.init(config)
    assert(contract.load(config.contract_json))
    assert(visitor.init(config.state_dir))
    row.prepare()
    open_geo(config)
    assert(sites.init(config.sites_file, config.sites_dict))
    flags_endpoint.init(config.flags_dir, config.flags_max_age)
    assert(metrics.init(config.metrics_dict), "no shared dict " .. config.metrics_dict .. " for the metrics")
    assert(disk.init(config))
    assert(claims.init(config.visitors_dict))
end

function _M.init_worker()
    ids.seed()
    sites.init_worker()
    metrics.init_worker()
    disk.init_worker()
    visitor.init_worker()
    user_agent.init_worker()
end

return _M
