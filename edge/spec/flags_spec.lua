-- Feature flag evaluation: the shared vectors (config/src/flag-vectors.json, which the backend's
-- TypeScript evaluation is checked against too), bucketing over 100,000 ids, weights and rules.
local cjson = require "cjson"
local flags = require "sluice.flags"

local function read_vectors()
    local file = assert(io.open("../config/src/flag-vectors.json", "rb"))
    local text = file:read("*a")
    file:close()
    return cjson.decode(text)
end

local vectors = read_vectors()
local context = {
    path = vectors.context.path,
    country = vectors.context.country,
    device = vectors.context.device,
    browser = vectors.context.browser,
    has_user_id = vectors.context.hasUserId,
}

local function flag(fields)
    fields.enabled = fields.enabled ~= false
    fields.rollout = fields.rollout or 100
    fields.variants = fields.variants or {}
    fields.rules = fields.rules or {}
    return fields
end

-- Ids as a tracker mints them: 32 hex digits.
local function ids(n)
    local list = {}
    for i = 1, n do
        list[i] = string.format("%08x%08x%016x", i * 2654435761 % 4294967296, i, i * 7)
    end
    return list
end
local HUNDRED_THOUSAND = ids(100000)

describe("feature flags", function()
    it("buckets as the shared vectors say", function()
        for _, case in ipairs(vectors.buckets) do
            local rollout, variant = flags.buckets(case.flag, case.id)
            assert.same({ case.flag, case.id, case.rollout, case.variant }, { case.flag, case.id, rollout, variant })
        end
    end)

    it("evaluates as the shared vectors say", function()
        for _, case in ipairs(vectors.evaluations) do
            assert.same({ case.flag.key, case.id, case.value },
                { case.flag.key, case.id, flags.evaluate(case.flag, context, case.id) })
        end
    end)

    it("matches path wildcards as the shared vectors say", function()
        for _, case in ipairs(vectors.paths) do
            assert.same({ case.pattern, case.path, case.matches },
                { case.pattern, case.path, flags.path_matches(case.pattern, case.path) })
        end
    end)

    it("gives an id the same answer every time, and each flag its own split", function()
        local first = flags.evaluate(flag { key = "beta", rollout = 50 }, context, "u-42")
        for _ = 1, 10 do
            assert.equal(first, flags.evaluate(flag { key = "beta", rollout = 50 }, context, "u-42"))
        end
        -- Two flags at 50% agree on about half the ids, not on all: the key is in the hash.
        local agree = 0
        for i = 1, 10000 do
            local id = HUNDRED_THOUSAND[i]
            if flags.evaluate(flag { key = "one", rollout = 50 }, context, id)
                == flags.evaluate(flag { key = "two", rollout = 50 }, context, id) then
                agree = agree + 1
            end
        end
        assert.is_true(agree > 4800 and agree < 5200, "agreeing ids: " .. agree)
    end)

    for _, rollout in ipairs({ 0, 1, 10, 33, 50, 99, 100 }) do
        it("rolls out to " .. rollout .. "% of 100,000 ids, within 1%", function()
            local on = 0
            local subject = flag { key = "rollout-" .. rollout, rollout = rollout }
            for _, id in ipairs(HUNDRED_THOUSAND) do
                if flags.evaluate(subject, context, id) == true then
                    on = on + 1
                end
            end
            local share = on / #HUNDRED_THOUSAND * 100
            assert.is_true(math.abs(share - rollout) <= 1, rollout .. "% rollout gave " .. share .. "%")
            if rollout == 0 or rollout == 100 then
                assert.equal(rollout * 1000, on)
            end
        end)
    end

    it("splits variants by their weights, within 1% each, also under a partial rollout", function()
        local weights = { control = 20, one = 30, two = 50 }
        for _, rollout in ipairs({ 100, 40 }) do
            local subject = flag { key = "split-" .. rollout, rollout = rollout, variants = {
                { key = "control", weight = 20 }, { key = "one", weight = 30 }, { key = "two", weight = 50 },
            } }
            local counts = { control = 0, one = 0, two = 0, [false] = 0 }
            for _, id in ipairs(HUNDRED_THOUSAND) do
                local value = flags.evaluate(subject, context, id)
                counts[value] = counts[value] + 1
            end
            local rolled_out = #HUNDRED_THOUSAND - counts[false]
            assert.is_true(math.abs(rolled_out / 1000 - rollout) <= 1, "rolled out: " .. rolled_out)
            for variant, weight in pairs(weights) do
                local share = counts[variant] / rolled_out * 100
                assert.is_true(math.abs(share - weight) <= 1, variant .. ": " .. share .. "% of " .. rollout .. "%")
            end
        end
    end)

    describe("targeting", function()
        local function value_for(rules, overrides)
            local request = {}
            for key, value in pairs(context) do
                request[key] = value
            end
            for key, value in pairs(overrides or {}) do
                request[key] = value
            end
            return flags.evaluate(flag { key = "targeted", rules = rules }, request, "u-42")
        end

        it("by path wildcards", function()
            local rules = { { attribute = "path", operator = "in", values = { "/pricing*", "/docs/*/api" } } }
            assert.same({ true, true, true, false, false }, {
                value_for(rules, { path = "/pricing" }),
                value_for(rules, { path = "/pricing/pro" }),
                value_for(rules, { path = "/docs/v2/api" }),
                value_for(rules, { path = "/docs/v2/api/x" }),
                value_for(rules, { path = "/" }),
            })
        end)

        it("by country, device and browser, in and not in", function()
            local country = { { attribute = "country", operator = "not_in", values = { "US" } } }
            local device = { { attribute = "device", operator = "in", values = { "desktop", "tablet" } } }
            local browser = { { attribute = "browser", operator = "in", values = { "Firefox" } } }
            assert.same({ true, false, false, true, true, false }, {
                value_for(country, { country = "DE" }),
                value_for(country, { country = "US" }),
                value_for(device, { device = "mobile" }),
                value_for(device, { device = "tablet" }),
                value_for(browser, { browser = "Firefox" }),
                value_for(browser, { browser = "Chrome" }),
            })
        end)

        it("by whether the page identified its user", function()
            local identified = { { attribute = "userId", operator = "in", values = { "present" } } }
            assert.same({ true, false }, {
                value_for(identified, { has_user_id = true }),
                value_for(identified, { has_user_id = false }),
            })
        end)

        it("needs every rule, and never matches an attribute it doesn't know", function()
            local both = {
                { attribute = "country", operator = "in", values = { "DE" } },
                { attribute = "device", operator = "in", values = { "desktop" } },
            }
            assert.same({ true, false, false }, {
                value_for(both, { country = "DE", device = "desktop" }),
                value_for(both, { country = "DE", device = "mobile" }),
                value_for({ { attribute = "shoe_size", operator = "not_in", values = { "42" } } }),
            })
        end)
    end)

    it("matches only a path's first 512 bytes", function()
        local long = "/" .. string.rep("a", 100000) .. "b"
        assert.same({ false, true }, {
            flags.path_matches(string.rep("*a", 100) .. "*b", long),
            flags.path_matches("/a*", long),
        })
    end)
end)
