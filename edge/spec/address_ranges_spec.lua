local address_ranges = require "sluice.address_ranges"

describe("address ranges", function()
    it("holds single addresses and CIDR ranges, IPv4 and IPv6", function()
        local ranges = address_ranges.parse_list({ "203.0.113.7", "198.51.100.0/24", "2001:db8::/32", "10.0.0.0/7" })
        for _, inside in ipairs({ "203.0.113.7", "198.51.100.0", "198.51.100.255", "2001:db8::1",
            "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "10.0.0.1", "11.255.255.255", "::ffff:198.51.100.9" }) do
            assert.is_true(address_ranges.contains(ranges, inside), inside)
        end
        for _, outside in ipairs({ "203.0.113.8", "198.51.101.0", "2001:db9::1", "12.0.0.0", "9.255.255.255",
            "::1", "2001:db8" }) do
            assert.is_false(address_ranges.contains(ranges, outside), outside)
        end
    end)

    it("an IPv4 range is not an IPv6 address's, and /0 of each family holds only that family", function()
        local v4 = address_ranges.parse_list({ "0.0.0.0/0" })
        assert.is_true(address_ranges.contains(v4, "192.0.2.1"))
        assert.is_false(address_ranges.contains(v4, "2001:db8::1"))
        local v6 = address_ranges.parse_list({ "2000::/3" })
        assert.is_true(address_ranges.contains(v6, "2a00:1450:4001:82b::200e"))
        assert.is_false(address_ranges.contains(v6, "192.0.2.1"))
        -- A prefix that is not a whole number of bytes.
        local odd = address_ranges.parse_list({ "192.0.2.64/26" })
        assert.is_true(address_ranges.contains(odd, "192.0.2.127"))
        assert.is_false(address_ranges.contains(odd, "192.0.2.128"))
        assert.is_false(address_ranges.contains(odd, "192.0.2.63"))
    end)

    it("leaves malformed ranges out, none at all is nil, and a hostile address is in no range", function()
        assert.is_nil(address_ranges.parse_list({}))
        assert.is_nil(address_ranges.parse_list(nil))
        assert.is_nil(address_ranges.parse_list({ "nope", "1.2.3.4/33", "2001:db8::/129", "1.2.3", 42, "1.2.3.4/",
            "/24", "::/1234", string.rep("1", 100) }))
        local ranges = address_ranges.parse_list({ "bad", "192.0.2.0/24" })
        assert.equal(1, #ranges)
        for _, hostile in ipairs({ "", "192.0.2.1\0", "192.0.2.1 ", string.rep("2", 10000), "::ffff:zz", 42 }) do
            assert.is_false(address_ranges.contains(ranges, hostile), tostring(hostile))
        end
    end)
end)
