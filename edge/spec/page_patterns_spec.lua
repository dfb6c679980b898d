local page_patterns = require "sluice.page_patterns"

local function matches(pattern, path)
    return page_patterns.matches(page_patterns.compile(pattern), path)
end

-- The reports' wildcards as a Lua pattern (what backend/src/reports/query/filters.ts makes an RE2 regex of):
-- slow on long texts with many stars, but plainly right, so the matcher is checked against it.
local function reference(pattern, path)
    local body = pattern:gsub("[%^%$%(%)%%%.%[%]%+%-%?]", "%%%0")
    body = body:gsub("%*+", function(stars)
        return #stars > 1 and "\1" or "\2"
    end)
    body = body:gsub("\1", ".*"):gsub("\2", "[^/]*")
    return path:find("^" .. body .. "$") ~= nil
end

describe("page patterns", function()
    it("match as the reports' wildcards do: * within a segment, ** across, the rest itself", function()
        local cases = {
            { "/admin/**", "/admin/users/7", true },
            { "/admin/**", "/admin/", true },
            { "/admin/**", "/admin", false },
            { "/admin/**", "/administrator/x", false },
            { "/admin*", "/administrator", true },
            { "/admin*", "/admin/users", false },
            { "/preview/*", "/preview/draft-1", true },
            { "/preview/*", "/preview/draft/1", false },
            { "/*/draft", "/blog/draft", true },
            { "/*/draft", "/blog/2026/draft", false },
            { "/**/draft", "/blog/2026/draft", true },
            { "/**.pdf", "/files/a/b.pdf", true },
            { "/*.pdf", "/files/b.pdf", false },
            { "/checkout", "/checkout", true },
            { "/checkout", "/checkout/", false },
            { "/a.b", "/aXb", false },
            { "/%d+", "/%d+", true },
            { "/x/*/x/*/y", "/x/x/x/a/y", true },
            { "/**/x/*/y", "/a/x/x/x/y", true },
            { "/**a/*b", "/aa/b/ab", false },
            { "/**", "/", true },
        }
        for _, case in ipairs(cases) do
            local pattern, path, expected = case[1], case[2], case[3]
            assert.equal(expected, matches(pattern, path), pattern .. " ~ " .. path)
            assert.equal(expected, reference(pattern, path), "the reference: " .. pattern .. " ~ " .. path)
        end
    end)

    it("agrees with the reference on every short pattern and path of a, b, / and stars", function()
        local seed = 20261207
        local function random(n)
            seed = (seed * 1103515245 + 12345) % 2147483648
            return seed % n + 1
        end
        local function text(alphabet, length)
            local chars = {}
            for i = 1, length do
                local at = random(#alphabet)
                chars[i] = alphabet:sub(at, at)
            end
            return table.concat(chars)
        end
        for _ = 1, 20000 do
            local pattern = "/" .. text("ab/**", random(7) - 1)
            local path = "/" .. text("ab/", random(9) - 1)
            assert.equal(reference(pattern, path), matches(pattern, path), pattern .. " ~ " .. path)
        end
    end)

    it("answers a long hostile path against many stars (a backtracking matcher would run for hours)", function()
        local pattern = page_patterns.compile("/**a*a**a*a**a*a**b")
        assert.is_false(page_patterns.matches(pattern, "/" .. string.rep("a", 4000)))
        assert.is_true(page_patterns.matches(pattern, "/" .. string.rep("a", 4000) .. "b"))
    end)

    it("compiles a site's list: patterns start with /, none at all is nil", function()
        assert.is_nil(page_patterns.compile_list(nil))
        assert.is_nil(page_patterns.compile_list({}))
        assert.is_nil(page_patterns.compile_list({ "admin/**", 42, "" }))
        local list = page_patterns.compile_list({ "nope", "/admin/**", "/preview/*" })
        assert.equal(2, #list)
        assert.is_true(page_patterns.any_matches(list, "/preview/1"))
        assert.is_true(page_patterns.any_matches(list, "/admin/a/b"))
        assert.is_false(page_patterns.any_matches(list, "/pricing"))
    end)
end)
