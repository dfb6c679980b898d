-- Start-up of the edge: nginx's init (master) and init_worker phases.
local contract = require "sluice.contract"
local ids = require "sluice.ids"
local metrics = require "sluice.metrics"
local row = require "sluice.row"
local sites = require "sluice.sites"
local visitor = require "sluice.visitor"

local _M = { _VERSION = '0.1' }

-- Runs in the master before workers fork, so they inherit the contract, sites and salt.
-- A missing contract or salt is fatal: the edge must not accept events it cannot write correctly.
function _M.init(config)
    assert(contract.load(config.contract_json))
    assert(visitor.init(config.state_dir))
    row.prepare()
    assert(sites.init(config.sites_file, config.sites_dict))
    assert(metrics.init(config.metrics_dict), "no shared dict " .. config.metrics_dict .. " for the metrics")
end

function _M.init_worker()
    ids.seed()
    sites.init_worker()
    metrics.init_worker()
end

return _M
