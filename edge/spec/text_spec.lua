local text = require "sluice.text"

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
        local fffd = "\239\191\189"
        assert.equal("a" .. fffd .. "b", text.clean("a\255b", 100))
        assert.equal(fffd .. fffd, text.clean("\192\175", 100)) -- overlong "/"
        assert.equal(fffd .. fffd .. fffd, text.clean("\237\160\128", 100)) -- a UTF-16 surrogate
        assert.equal(fffd, text.clean("\195", 100)) -- a sequence cut short
    end)

    it("counts replacements against the limit", function()
        assert.equal("\239\191\189", text.clean("\255\255", 5))
    end)
end)
