local user_agent = require "sluice.user_agent"

local function parsed(ua)
    local result = user_agent.parse(ua)
    return { result.browser, result.browser_version, result.os, result.device, result.is_bot }
end

describe("user_agent.parse", function()
    it("recognises brands built on Chrome before Chrome itself", function()
        assert.same({ "Edge", "131", "Windows", "desktop", 0 }, parsed(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                .. "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70"))
        assert.same({ "Opera", "114", "macOS", "desktop", 0 }, parsed(
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                .. "Chrome/129.0.0.0 Safari/537.36 OPR/114.0.0.0"))
    end)

    it("tells phones from tablets", function()
        assert.same({ "Safari", "18", "iOS", "mobile", 0 }, parsed(
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                .. "Version/18.1 Mobile/15E148 Safari/604.1"))
        assert.same({ "Chrome", "122", "Android", "tablet", 0 }, parsed(
            "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) "
                .. "Chrome/122.0.0.0 Safari/537.36"))
    end)

    it("names the kind of each bot, and none for a person's browser", function()
        local kind = function(ua) return user_agent.parse(ua).bot_kind end
        assert.equal("crawler", kind("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"))
        assert.equal("crawler", kind("Pingdom.com_check_(https://www.pingdom.com/)"))
        assert.equal("library", kind("python-requests/2.32.3"))
        assert.equal("automation", kind("Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0.0.0 Safari/537.36"))
        assert.equal("no_user_agent", kind(""))
        assert.equal("", kind("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
            .. "(KHTML, like Gecko) Version/17.4 Safari/605.1.15"))
    end)

    it("flags crawlers, scripts, automated browsers and a missing user agent", function()
        assert.same({ "", "", "", "bot", 1 },
            parsed("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"))
        assert.same({ "", "", "", "bot", 1 }, parsed("python-requests/2.32.3"))
        assert.same({ "Chrome", "131", "Linux", "bot", 1 }, parsed(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                .. "HeadlessChrome/131.0.0.0 Safari/537.36"))
        assert.same({ "", "", "", "bot", 1 }, parsed(""))
    end)

    it("reads Safari's and Internet Explorer 11's own version tokens", function()
        assert.same({ "Safari", "17", "macOS", "desktop", 0 }, parsed(
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                .. "Version/17.4.1 Safari/605.1.15"))
        assert.same({ "Internet Explorer", "11", "Windows", "desktop", 0 }, parsed(
            "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko"))
        assert.same({ "", "", "", "desktop", 0 }, parsed("Version/17.4.1 Safarix"))
    end)

    it("reads only the first 500 bytes, which are also the cache key", function()
        local chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0"
        local padded = chrome .. string.rep(" ", 500 - #chrome)
        assert.equal(user_agent.parse(padded), user_agent.parse(padded .. "Version/9 Safari/ bot"))
        assert.same({ "Chrome", "131", "Linux", "desktop", 0 }, parsed(padded .. string.rep("9", 60000)))
    end)

    it("parses each distinct user agent once", function()
        local ua = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
        assert.equal(user_agent.parse(ua), user_agent.parse(ua))
    end)
end)
