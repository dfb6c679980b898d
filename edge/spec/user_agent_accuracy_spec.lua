-- The user agent module against uap-core's own published test cases (spec/fixtures/uap-core/):
-- the same rules, the same PCRE ngx_lua links, so the families must come out as uap-core's tests
-- say. Prints the figures; fails below 98%.
local user_agent = require "sluice.user_agent"

local FIXTURES = "spec/fixtures/uap-core/"
local REQUIRED_SHARE = 0.98

-- Each case of a fixture as a list of its tab-separated fields (comment lines skipped).
local function cases(file)
    local list = {}
    for line in io.lines(FIXTURES .. file) do
        if line:sub(1, 1) ~= "#" then
            local fields, from = {}, 1
            while true do
                local tab = line:find("\t", from, true)
                fields[#fields + 1] = line:sub(from, (tab or 0) - 1)
                if not tab then
                    break
                end
                from = tab + 1
            end
            list[#list + 1] = fields
        end
    end
    return list
end

-- uap-core's "Other" is an empty field in a row (the contract's "unknown").
local function as_row_value(family)
    return family == "Other" and "" or family
end

-- This copy of test_os.yaml predates uap-core moving Windows versions out of the family: it
-- expects "Windows 7" where today's rules give family "Windows" and version "7". Windows Phone
-- and Windows Mobile stayed families of their own.
local function todays_os_family(family)
    if family:find("^Windows ") and family ~= "Windows Phone" and family ~= "Windows Mobile" then
        return "Windows"
    end
    return family
end

local function share(right, total)
    return right / total
end

local function report(what, right, total, misses)
    print(("%s: %d of %d right (%.2f%%)"):format(what, right, total, 100 * share(right, total)))
    for i = 1, math.min(#misses, 10) do
        print("  miss: " .. misses[i])
    end
end

describe("user_agent against uap-core's published test cases", function()
    it("names at least 98% of browser families right", function()
        local list = cases("test_ua.tsv")
        local families, majors, misses = 0, 0, {}
        for _, case in ipairs(list) do
            local family, major, ua = case[1], case[2], case[3]
            local parsed = user_agent.parse(ua)
            if parsed.browser == as_row_value(family) then
                families = families + 1
            else
                misses[#misses + 1] = ("%q: %q, expected %q"):format(ua, parsed.browser, family)
            end
            if parsed.browser_version == major then
                majors = majors + 1
            end
        end
        report("browser family", families, #list, misses)
        report("browser major version", majors, #list, {})
        assert.equal(1221, #list)
        assert.is_true(share(families, #list) >= REQUIRED_SHARE)
    end)

    it("names at least 98% of OS families right", function()
        local list = cases("test_os.tsv")
        local published, today, misses = 0, 0, {}
        for _, case in ipairs(list) do
            local family, ua = case[1], case[2]
            local os = user_agent.parse(ua).os
            if os == as_row_value(family) then
                published = published + 1
            end
            if os == as_row_value(todays_os_family(family)) then
                today = today + 1
            else
                misses[#misses + 1] = ("%q: %q, expected %q"):format(ua, os, family)
            end
        end
        report("OS family as published", published, #list, {})
        report("OS family, Windows versions as today's rules name them", today, #list, misses)
        assert.equal(325, #list)
        assert.is_true(share(today, #list) >= REQUIRED_SHARE)
    end)
end)
