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

    it("accepts only lower-case UUID text", function()
        assert.is_true(ids.is_valid("6f1c2a3b-1111-4222-8333-444455556666"))
        assert.is_false(ids.is_valid("6F1C2A3B-1111-4222-8333-444455556666"))
        assert.is_false(ids.is_valid("6f1c2a3b11114222833344445555666"))
        assert.is_false(ids.is_valid("6f1c2a3b-1111-4222-8333-44445555666g"))
        assert.is_false(ids.is_valid("6f1c2a3b-1111-4222-8333-4444555566667"))
        assert.is_false(ids.is_valid("6f1c2a3b-1111-4222-8333-44445555666"))
        assert.is_false(ids.is_valid("6f1c2a3b11111-4222-8333-444455556666"))
        assert.is_false(ids.is_valid("6f1c2a3b-1111-4222-8333-44445555666\0"))
        assert.is_false(ids.is_valid(""))
    end)
end)
