local text = require "sluice.text"

local fffd = "\239\191\189"

describe("text.clean", function()
    it("keeps short ASCII as it is and cuts long ASCII to the limit", function()
        assert.equal("hello", text.clean("hello", 10))
        assert.equal("hel", text.clean("hello", 3))
    end)

    it("never cuts a UTF-8 character in half", function()
        assert.equal("a", text.clean("a\195\169", 2)) -- "aé" is 3 bytes
        assert.equal("a\195\169", text.clean("a\195\169b", 3))
        assert.equal("", text.clean("\240\159\152\128", 3)) -- a 4-byte emoji does not fit in 3
    end)

    it("replaces bytes outside valid UTF-8 with U+FFFD", function()
        assert.equal("a" .. fffd .. "b", text.clean("a\255b", 100))
        assert.equal(fffd .. fffd, text.clean("\192\175", 100)) -- overlong "/"
        assert.equal(fffd .. fffd .. fffd, text.clean("\237\160\128", 100)) -- a UTF-16 surrogate
        assert.equal(fffd, text.clean("\195", 100)) -- a sequence cut short
    end)

    it("counts replacements against the limit", function()
        assert.equal("\239\191\189", text.clean("\255\255", 5))
    end)

    it("agrees with a decoder that reads code points, on any bytes and any limit", function()
        -- The slow, plain reading of RFC 3629: a sequence is valid when its lead byte, its
        -- continuation bytes and the code point they make (no overlong form, no surrogate,
        -- nothing above U+10FFFF) all are; every byte of anything else stands alone as U+FFFD.
        local function reference(s, max)
            local out, size, i = {}, 0, 1
            while i <= #s do
                local lead, length, minimum = s:byte(i), nil, nil
                if lead < 0x80 then
                    length, minimum = 1, 0
                elseif lead >= 0xC0 and lead < 0xE0 then
                    length, minimum = 2, 0x80
                elseif lead >= 0xE0 and lead < 0xF0 then
                    length, minimum = 3, 0x800
                elseif lead >= 0xF0 and lead < 0xF8 then
                    length, minimum = 4, 0x10000
                end
                local code = length and (length == 1 and lead or lead % (2 ^ (7 - length)))
                for j = i + 1, i + (length or 1) - 1 do
                    local continuation = s:byte(j)
                    if not continuation or continuation < 0x80 or continuation > 0xBF then
                        code = nil
                        break
                    end
                    code = code * 64 + continuation % 64
                end
                local valid = code and code >= minimum and code <= 0x10FFFF and not (code >= 0xD800 and code <= 0xDFFF)
                local piece = valid and s:sub(i, i + length - 1) or fffd
                if size + #piece > max then
                    break
                end
                out[#out + 1], size, i = piece, size + #piece, i + (valid and length or 1)
            end
            return table.concat(out)
        end
        math.randomseed(5)
        local interesting = { 0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF }
        for _ = 1, 50000 do
            local bytes = {}
            for i = 1, math.random(0, 24) do
                bytes[i] = string.char(math.random() < 0.5 and interesting[math.random(#interesting)]
                    or math.random(0, 255))
            end
            local s, max = table.concat(bytes), math.random(0, 30)
            assert.equal(reference(s, max), text.clean(s, max), s)
        end
    end)
end)
