local signature = require "sluice.signature"

local NOW = 1763880000
local SKEW = 300
local BODY = '{"s":"k","e":[{"n":"purchase","u":"https://shop.test/checkout"}],"ip":"198.51.100.7"}'

local function verify(timestamp, header, secrets, body)
    return signature.verify(body or BODY, timestamp, header, secrets or { "site-secret" }, NOW, SKEW)
end

describe("signature", function()
    it("computes HMAC-SHA256 of timestamp.body as Node's crypto does", function()
        -- createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex'), computed with Node.
        assert.equal("v1=6e6ceb04a431da1a6196526749474761f3fd26a9e43a1ed6756f01883a4397c7",
            signature.sign("site-secret", tostring(NOW), BODY))
        assert.equal("v1=c9a9ad03ae89d2c8b19aceeac1319bc159e55e58dc0a5f05e8fbebe739082162",
            signature.sign(string.rep("\11", 20), tostring(NOW), "Hi There"))
    end)

    it("accepts a fresh signature by any of the site's secrets, among several given", function()
        assert.is_true(verify(tostring(NOW), signature.sign("site-secret", tostring(NOW), BODY)))
        local oldest = tostring(NOW - SKEW)
        assert.is_true(verify(oldest, signature.sign("site-secret", oldest, BODY)))
        local by_new = signature.sign("new-secret", tostring(NOW), BODY)
        assert.is_true(verify(tostring(NOW), "v1=" .. string.rep("a", 64) .. ", " .. by_new,
            { "old-secret", "new-secret" }))
    end)

    it("refuses a changed body, a wrong secret, a stale or future time, and malformed headers", function()
        local good = signature.sign("site-secret", tostring(NOW), BODY)
        assert.same({ nil, "signature_invalid" }, { verify(tostring(NOW), good, nil, BODY .. " ") })
        assert.same({ nil, "signature_invalid" }, { verify(tostring(NOW), good, { "other" }) })
        assert.same({ nil, "signature_invalid" }, { verify(tostring(NOW), good, {}) })
        assert.same({ nil, "signature_invalid" }, { verify(tostring(NOW), good:upper():gsub("^V1", "v1")) })
        assert.same({ nil, "timestamp_stale" }, { verify(tostring(NOW - SKEW - 1), good) })
        assert.same({ nil, "timestamp_stale" }, { verify(tostring(NOW + SKEW + 1), good) })
        assert.same({ nil, "timestamp_invalid" }, { verify("12.5", good) })
        assert.same({ nil, "timestamp_invalid" }, { verify(nil, good) })
        assert.same({ nil, "signature_missing" }, { verify(tostring(NOW), nil) })
        assert.same({ nil, "signature_missing" }, { verify(tostring(NOW), "") })
    end)

    it("never raises, whatever the headers hold", function()
        math.randomseed(11)
        local pieces = { "v1=", ",", " ", "0", "f", "g", "\0", "=", "v2=", "\255", string.rep("a", 64) }
        for _ = 1, 5000 do
            local parts = {}
            for i = 1, math.random(0, 12) do
                parts[i] = pieces[math.random(#pieces)]
            end
            local header = table.concat(parts)
            local ok, err = verify(tostring(NOW), header)
            assert.is_nil(ok)
            assert.is_string(err)
        end
        local flood = string.rep("v1=" .. string.rep("a", 64) .. ",", 100)
        assert.same({ nil, "signature_invalid" }, { verify(tostring(NOW), flood) })
        assert.same({ nil, "timestamp_invalid" }, { verify(string.rep("9", 100), "v1=00") })
        assert.same({ nil, "signature_missing" }, { verify(tostring(NOW), 42) })
    end)
end)
