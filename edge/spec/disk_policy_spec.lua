local policy = require "sluice.disk_policy"

local BUDGET = 1000

describe("disk_policy", function()
    it("measures the write rate by the folder's growth, keeping a fading memory of its peak", function()
        assert.are.equal(0, policy.write_rate(nil, 500, 0, nil))
        assert.are.equal(200, policy.write_rate(100, 500, 2, 0))
        -- The pipeline deleted a file this second: the growth hides the writes, the peak stands in.
        assert.are.equal(90, policy.write_rate(500, 300, 1, 100))
        assert.are.equal(81, policy.write_rate(500, 500, 2, 100))
    end)

    it("refuses once the folder and the margin at the write rate reach the budget", function()
        assert.is_false(policy.refuse(nil, 699, 100, BUDGET))
        assert.is_true(policy.refuse(nil, 700, 100, BUDGET))
        assert.is_true(policy.refuse(nil, BUDGET, 0, BUDGET))
        assert.is_false(policy.refuse(nil, BUDGET - 1, 0, BUDGET))
    end)

    it("once refusing, accepts again only once the folder shrank below the resume share of its size then", function()
        local refused_at = 700
        local resume = refused_at * policy.RESUME_SHARE
        assert.is_true(policy.refuse(refused_at, refused_at, 0, BUDGET))
        assert.is_true(policy.refuse(refused_at, resume, 0, BUDGET))
        -- Below the budget by far, but the pipeline has not caught up yet.
        assert.is_true(policy.refuse(refused_at, resume, 0, BUDGET * 10))
        assert.is_false(policy.refuse(refused_at, resume - 1, 1000, BUDGET))
    end)

    it("closes the file by size, or by age once it holds a line, never empty", function()
        assert.is_true(policy.rotate(64, nil, 100, 64, 10))
        assert.is_false(policy.rotate(63, 91, 100, 64, 10))
        assert.is_true(policy.rotate(1, 90, 100, 64, 10))
        assert.is_false(policy.rotate(0, 80, 100, 64, 10))
        assert.is_false(policy.rotate(1, nil, 100, 64, 10))
    end)

    it("names a closed file by its UTC time to the millisecond, in the order files were closed", function()
        local first = policy.rotated_name("/data/events/events.ndjson", 1763865744.123)
        assert.are.equal("/data/events/events.ndjson.20251123T024224.123Z", first)
        assert.are.equal("/data/events/events.ndjson.20251123T024224.000Z",
            policy.rotated_name("/data/events/events.ndjson", 1763865744))
        assert.is_true(first < policy.rotated_name("/data/events/events.ndjson", 1763865745.001))
    end)
end)
