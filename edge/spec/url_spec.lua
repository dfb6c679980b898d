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
