local cjson = require "cjson.safe"
local json = require "sluice.json"
local text = require "sluice.text"

local function decoded(content)
    return cjson.decode('"' .. content .. '"')
end

describe("json.string_content", function()
    it("passes printable ASCII through untouched, slashes included", function()
        local url = "https://shop.test/a/b?x=1&y=2#top"
        assert.equal(url, json.string_content(url, 100))
    end)

    it("escapes what could end the string or the line", function()
        local hostile = 'a"b\\c\nd\re\tf\0g' .. string.char(1, 31, 127)
        local content = json.string_content(hostile, 100)
        assert.is_nil(content:find("[%c]"))
        assert.equal(hostile, decoded(content))
    end)

    it("replaces invalid UTF-8 and cuts at the limit without splitting a character", function()
        assert.equal("a\239\191\189b", decoded(json.string_content("a\255b", 100)))
        assert.equal("ab", json.string_content("ab\226\130\172", 4))
        assert.equal("abc", json.string_content("abcdef", 3))
    end)

    it("writes valid UTF-8 as it is", function()
        local text_value = "caf\195\169 \240\159\152\128 \226\128\168"
        assert.equal(text_value, json.string_content(text_value, 100))
    end)

    it("always decodes to text.clean of the input", function()
        math.randomseed(7)
        for _ = 1, 20000 do
            local bytes = {}
            for i = 1, math.random(0, 40) do
                bytes[i] = string.char(math.random() < 0.8 and math.random(32, 126) or math.random(0, 255))
            end
            local s = table.concat(bytes)
            local max = math.random(0, 48)
            local content = json.string_content(s, max)
            assert.is_nil(content:find("%c"), s)
            assert.equal(text.clean(s, max), decoded(content), s)
        end
    end)
end)

describe("json.more_values_than", function()
    it("counts keys and values by the separators and openings outside strings", function()
        assert.is_false(json.more_values_than('{"a":[1,2],"b":{}}', 7))
        assert.is_true(json.more_values_than('{"a":[1,2],"b":{}}', 6))
        local tricky = [=[["a,b:c[d{", "\\", "\\\",:"]]=]
        assert.equal(3, #cjson.decode(tricky))
        assert.is_false(json.more_values_than(tricky, 3))
        assert.is_true(json.more_values_than(tricky, 2))
        assert.is_true(json.more_values_than(string.rep("0,", 100), 99))
    end)
end)
