local language = require "sluice.language"

local preferred = language.preferred

describe("language.preferred", function()
    it("takes the entry of highest q-value, lower-cased, with its region", function()
        assert.are.equal("pt-br", preferred("pt-BR,pt;q=0.9,en;q=0.8"))
        assert.are.equal("de-at", preferred("en;q=0.5,de-AT;q=0.9,fr;q=0.7"))
        assert.are.equal("fr", preferred("en;q=0.5, fr, de;q=0.9"))
        assert.are.equal("en-gb", preferred("en-GB;q=1.000,de;q=0.999"))
        assert.are.equal("es", preferred("es;q=0.001"))
    end)

    it("keeps the first of equal weights", function()
        assert.are.equal("de", preferred("de;q=0.8,fr;q=0.8,it;q=0.5"))
        assert.are.equal("nl", preferred("nl,en"))
    end)

    it("never prefers what q=0 refuses, nor the wildcard", function()
        assert.are.equal("", preferred("en;q=0"))
        assert.are.equal("", preferred("en;q=0.000, de;q=0.0"))
        assert.are.equal("", preferred("*"))
        assert.are.equal("es", preferred("*;q=1, es;q=0.5"))
        assert.are.equal("it", preferred("en;q=0,it;q=0.1"))
    end)

    it("reads a region past extended-language and script subtags, and stops at a variant", function()
        assert.are.equal("zh-tw", preferred("zh-Hant-TW"))
        assert.are.equal("zh", preferred("zh-Hant"))
        assert.are.equal("es-419", preferred("es-419"))
        assert.are.equal("sgn-be", preferred("sgn-BE-FR"))
        assert.are.equal("zh-hk", preferred("zh-yue-HK"))
        assert.are.equal("de-ch", preferred("de-CH-1996"))
        assert.are.equal("de", preferred("de-1996-CH"))
        assert.are.equal("en-us", preferred("en-US-x-twain"))
        assert.are.equal("en-us", preferred("en_US"))
        assert.are.equal("haw", preferred("HAW"))
    end)

    it("allows spaces and tabs around the separators", function()
        assert.are.equal("fr-ca", preferred(" fr-CA ; q=0.9 ,\ten ; q=0.8 "))
        assert.are.equal("ja", preferred("ko;q=0.2,  ja\t;\tq=0.3"))
    end)

    it("gives an empty language for what names none, and skips malformed entries", function()
        for _, header in ipairs({
            "", "e", "english", "i-klingon", "x-private", "12", "en-", "en--us", "-en", "en us", "en-US!",
            "en;q=2", "en;q=1.5", "en;q=0.1234", "en;q=.5", "en;q=abc", "en;q=", "en;q", "en;", "en;level=1",
            "en;q=0.5;q=0.6", "en-abcdefghi", "é", ",,,", ";q=1", "en\0us",
        }) do
            assert.are.equal("", preferred(header), header)
        end
        assert.are.equal("", preferred(nil))
        assert.are.equal("", preferred(42))
        assert.are.equal("fr", preferred("en;q=2, fr;q=0.5"))
        assert.are.equal("de", preferred("@@@, de;q=0.1, en;q=oops"))
    end)

    it("reads only the header's first 256 bytes, and leaves out the entry the cut runs into", function()
        local filler = string.rep("de;q=0.5,", 28) -- 252 bytes
        assert.are.equal("de", preferred(filler .. "en-GB-oxendict"))
        assert.are.equal("en", preferred(filler .. "en,fr"), "a whole entry before the cut counts")
        assert.are.equal("en", preferred(string.sub(filler, 1, -2) .. ",en"))
        assert.are.equal("aa", preferred(string.rep("aa;q=0.1,", 1000) .. "fr"))
        assert.are.equal("", preferred(string.rep("x", 8000) .. ",fr"))
    end)

    it("answers a tag of the contract's shape, whatever the input", function()
        math.randomseed(17)
        local alphabet = { "a", "B", "z", "1", "9", "-", "_", ",", ";", "=", "q", "Q", ".", "0", " ", "\t", "*",
            "\195\169", "\0", "en", "pt-BR", ";q=0.5", "zh-Hant-", "419" }
        for _ = 1, 20000 do
            local pieces = {}
            for i = 1, math.random(0, 16) do
                pieces[i] = alphabet[math.random(#alphabet)]
            end
            local result = preferred(table.concat(pieces))
            assert.is_true(result == "" or result:find("^%l%l%l?$") ~= nil or result:find("^%l%l%l?%-%l%l$") ~= nil
                or result:find("^%l%l%l?%-%d%d%d$") ~= nil, result)
            assert.is_true(#result <= 7)
        end
    end)
end)
