-- The event contract, loaded once from the JSON that config/ generates: field names, order,
-- types and limits come from there and nowhere else.
local cjson = require "cjson.safe"

local io_open = io.open
local ipairs = ipairs

local _M = { _VERSION = '0.1' }

-- Numbers are cut to their field's max; a uint32 without one is cut to the type's range.
local DEFAULT_MAX = { uint32 = 4294967295 }

-- Fills _M.fields (ordered list of { name, type, max_length, max_items, max, required }), _M.by_name,
-- _M.wire, _M.revenue (the revenue property convention) and _M.decimal_scale.
function _M.load(path)
    local file, err = io_open(path, "rb")
    if not file then
        return nil, "cannot open the event contract: " .. err
    end
    local text = file:read("*a")
    file:close()
    local contract, decode_err = cjson.decode(text)
    if not contract then
        return nil, "cannot parse the event contract " .. path .. ": " .. decode_err
    end
    local fields, by_name = {}, {}
    for i, name in ipairs(contract.fields) do
        local spec = contract.row[name]
        local field = {
            name = name, type = spec.type, max_length = spec.maxLength, max_items = spec.maxItems,
            max = spec.max or DEFAULT_MAX[spec.type], required = spec.required == true,
        }
        fields[i] = field
        by_name[name] = field
    end
    _M.version = contract.version
    _M.fields = fields
    _M.by_name = by_name
    _M.wire = contract.wire
    _M.revenue = contract.revenue
    _M.decimal_scale = contract.decimalScale
    return true
end

return _M
