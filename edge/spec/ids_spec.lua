local ids = require "sluice.ids"

describe("ids", function()
    it("mints lower-case UUID v4 text", function()
        ids.seed()
        local seen = {}
        for _ = 1, 1000 do
            local id = ids.mint()
            assert.is_truthy(id:find("^%x%x%x%x%x%x%x%x%-%x%x%x%x%-4%x%x%x%-[89ab]%x%x%x%-%x%x%x%x%x%x%x%x%x%x%x%x$"))
            assert.is_nil(id:find("%u"))
            assert.is_nil(seen[id])
            seen[id] = true
        end
    end)

    it("accepts lower-case UUID text and 32 hex digits, written as UUID text", function()
        local uuid = "6f1c2a3b-1111-4222-8333-444455556666"
        assert.are.equal(uuid, ids.normalize(uuid))
        assert.are.equal(uuid, ids.normalize("6f1c2a3b111142228333444455556666"))
        assert.are.equal("0123abcd-ef01-2345-6789-abcdef012345", ids.normalize("0123abcdef0123456789abcdef012345"))
        for _, bad in ipairs({
            "6F1C2A3B-1111-4222-8333-444455556666",
            "6F1C2A3B111142228333444455556666",
            "6f1c2a3b11114222833344445555666",
            "6f1c2a3b1111422283334444555566667",
            "6f1c2a3b-1111-4222-8333-44445555666g",
            "6f1c2a3b11114222833344445555666g",
            "6f1c2a3b-1111-4222-8333-4444555566667",
            "6f1c2a3b-1111-4222-8333-44445555666",
            "6f1c2a3b11111-4222-8333-444455556666",
            "6f1c2a3b-1111-4222-8333-44445555666\0",
            "6f1c2a3b-111142228333-444455556666-",
            "",
        }) do
            assert.is_nil(ids.normalize(bad), bad)
        end
    end)
end)
