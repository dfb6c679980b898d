local event_time = require "sluice.event_time"

describe("event_time", function()
    local DAY_MS = 86400000
    -- 2026-11-23 02:49:04.250 UTC
    local arrival_ms = 1795402144250

    setup(function()
        event_time.configure(DAY_MS)
    end)

    it("stamps an event at its arrival less its age", function()
        assert.are.same({ 1795402144 }, { event_time.second(arrival_ms, nil) })
        assert.are.same({ 1795402144 }, { event_time.second(arrival_ms, 250) })
        assert.are.same({ 1795402143 }, { event_time.second(arrival_ms, 251) })
        assert.are.same({ 1795402144 - 86400 }, { event_time.second(arrival_ms, DAY_MS) })
    end)

    it("cuts an age past the offline queue's 24 hours, and ignores one that is negative or no number", function()
        assert.are.same({ 1795402144 - 86400, "bad_age" }, { event_time.second(arrival_ms, DAY_MS + 1) })
        assert.are.same({ 1795402144 - 86400, "bad_age" }, { event_time.second(arrival_ms, math.huge) })
        assert.are.same({ 1795402144, "bad_age" }, { event_time.second(arrival_ms, -1) })
        assert.are.same({ 1795402144, "bad_age" }, { event_time.second(arrival_ms, "3000") })
        assert.are.same({ 1795402144, "bad_age" }, { event_time.second(arrival_ms, true) })
    end)

    it("writes a second as the row's UTC ts", function()
        assert.are.equal("2026-11-23 02:49:04", event_time.text(1795402144))
        assert.are.equal("2026-11-22 02:49:04", event_time.text(1795402144 - 86400))
        assert.are.equal("2026-11-23 02:49:04", event_time.text(1795402144))
    end)
end)
