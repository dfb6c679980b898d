local acquisition = require "sluice.acquisition"

describe("acquisition.source", function()
    local page = "shop.test"

    it("names search engines and social networks by any label of the host", function()
        assert.equal("Google", acquisition.source("https://www.google.co.uk/search?q=x", page))
        assert.equal("Bing", acquisition.source("https://www.bing.com/", page))
        assert.equal("Facebook", acquisition.source("https://l.facebook.com/l.php", page))
        assert.equal("Reddit", acquisition.source("https://old.reddit.com/r/x", page))
    end)

    it("knows hosts whose name does not say it", function()
        assert.equal("Twitter", acquisition.source("https://t.co/abc", page))
        assert.equal("Hacker News", acquisition.source("https://news.ycombinator.com/item?id=1", page))
        assert.equal("LinkedIn", acquisition.source("https://lnkd.in/x", page))
    end)

    it("uses any other host without www.", function()
        assert.equal("blog.example.org", acquisition.source("https://www.blog.example.org/post", page))
        assert.equal("notgoogle.com", acquisition.source("https://notgoogle.com/", page))
    end)

    it("is direct for no referrer, an unparsable one, or the same site", function()
        assert.equal("", acquisition.source("", page))
        assert.equal("", acquisition.source("junk", page))
        assert.equal("", acquisition.source("https://shop.test/cart", page))
    end)
end)
