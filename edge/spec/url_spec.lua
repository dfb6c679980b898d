local url = require "sluice.url"

describe("url.parse", function()
    it("splits host, path and query", function()
        assert.same({ "shop.test", "/a/b", "x=1&y=2" }, { url.parse("https://shop.test/a/b?x=1&y=2#top") })
    end)

    it("lower-cases the host and drops user info and port", function()
        assert.same({ "shop.test", "/", "" }, { url.parse("HTTP://user:pw@Shop.Test:8443") })
    end)

    it("keeps an IPv6 host in brackets", function()
        assert.same({ "[::1]", "/x", "" }, { url.parse("http://[::1]:8080/x") })
    end)

    it("finds no query in a fragment", function()
        assert.same({ "a.b", "/p", "" }, { url.parse("https://a.b/p#frag?not=query") })
    end)

    it("refuses what is not an absolute URL", function()
        assert.is_nil(url.parse("/relative/path"))
        assert.is_nil(url.parse("not a url"))
        assert.is_nil(url.parse("https:///no-host"))
        assert.is_nil(url.parse("https://user@:80/"))
    end)
end)

-- The parser walks bytes for speed; this is what it must mean, written with Lua patterns.
local function reference_parse(s)
    local rest = s:match("^%a[%w+.-]*://(.*)$")
    if not rest then
        return nil
    end
    local authority = rest:match("^[^/?#]*")
    local after_authority = rest:sub(#authority + 1)
    local path = after_authority:match("^[^?#]*")
    local query = after_authority:match("^[^?#]*%?([^#]*)") or ""
    local host = authority:gsub("^.*@", "")
    host = host:match("^%[[^%]]*%]") or host:gsub(":%d*$", "")
    if host == "" then
        return nil
    end
    return host:lower(), path == "" and "/" or path, query
end

describe("url.parse on random input", function()
    it("agrees with the pattern-based definition", function()
        local alphabet = { "h", "t", "p", "s", ":", "/", "?", "#", "@", "[", "]", "1", "8", ".", "A", "-", "+", "=",
            "&", " ", "\0", "\255", "x" }
        math.randomseed(20261123)
        for _ = 1, 50000 do
            local parts = {}
            if math.random() < 0.7 then
                parts[1] = ({ "http://", "https://", "a+b://", "1x://", "http:/", "" })[math.random(6)]
            end
            for i = #parts + 1, #parts + math.random(0, 24) do
                parts[i] = alphabet[math.random(#alphabet)]
            end
            local s = table.concat(parts)
            assert.same({ reference_parse(s) }, { url.parse(s) }, s)
        end
    end)
end)
