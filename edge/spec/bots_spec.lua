local bots = require "sluice.bots"

local CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    .. "Chrome/131.0.0.0 Safari/537.36"
local FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
local CHROME_BRANDS = '"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"'

describe("bots.user_agent_reason", function()
    it("names each kind of bot by its user agent", function()
        assert.equal("crawler", bots.user_agent_reason(
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
        assert.equal("crawler", bots.user_agent_reason("Mozilla/5.0 (compatible; Yahoo! Slurp; "
            .. "http://help.yahoo.com/help/us/ysearch/slurp)"))
        assert.equal("automation", bots.user_agent_reason(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 "
                .. "Safari/537.36"))
        assert.equal("automation", bots.user_agent_reason("Mozilla/5.0 (Unknown; Linux x86_64) "
            .. "AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1"))
        assert.equal("library", bots.user_agent_reason("curl/8.5.0"))
        assert.equal("library", bots.user_agent_reason("Go-http-client/2.0"))
        assert.equal("library", bots.user_agent_reason("python-requests/2.32.3"))
        assert.equal("no_user_agent", bots.user_agent_reason(""))
    end)

    it("names none for people's browsers", function()
        assert.is_nil(bots.user_agent_reason(CHROME))
        assert.is_nil(bots.user_agent_reason(FIREFOX))
        assert.is_nil(bots.user_agent_reason("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) "
            .. "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"))
    end)

    it("matches case-insensitively, within the first 500 bytes only", function()
        assert.equal("crawler", bots.user_agent_reason("Mozilla/5.0 (compatible; BINGBOT/2.0)"))
        local padded = CHROME .. string.rep(" ", 500 - #CHROME)
        assert.is_nil(bots.user_agent_reason(padded .. "Googlebot/2.1"))
        assert.equal("crawler", bots.user_agent_reason(padded:sub(1, 480) .. "Googlebot/2.1"))
    end)

    it("carries isbot's version", function()
        assert.equal(require("sluice.data.bot_patterns").version, bots.pattern_version)
    end)
end)

describe("bots.header_reason", function()
    it("passes a browser's usual headers", function()
        assert.is_nil(bots.header_reason(CHROME, "en-US,en;q=0.9", CHROME_BRANDS))
        -- Either header alone is enough (some privacy tools strip Accept-Language): the caller passes
        -- whichever it found.
        assert.is_nil(bots.header_reason(FIREFOX, "*/*", nil))
    end)

    it("refuses a browser's user agent with neither Accept nor Accept-Language", function()
        assert.equal("impossible_headers", bots.header_reason(FIREFOX, nil, nil))
        -- A client that claims no browser is judged by its user agent alone.
        assert.is_nil(bots.header_reason("MyApp/1.0", nil, nil))
    end)

    it("refuses Sec-CH-UA naming Chromium beside a user agent without Chrome", function()
        assert.equal("impossible_headers", bots.header_reason(FIREFOX, "en", CHROME_BRANDS))
    end)

    it("names automation when Sec-CH-UA says HeadlessChrome", function()
        assert.equal("automation", bots.header_reason(CHROME, "en",
            '"HeadlessChrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"'))
    end)
end)
