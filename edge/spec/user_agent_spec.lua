-- What the module logs (it keeps ngx.log from when it loads).
local logged = {}
local stub_log = ngx.log
ngx.log = function(_, ...)
    logged[#logged + 1] = table.concat({ ... })
end
local user_agent = require "sluice.user_agent"
ngx.log = stub_log
local uap_rules = require "sluice.data.uap_rules"

local function parsed(ua)
    local result = user_agent.parse(ua)
    return { result.browser, result.browser_version, result.os, result.device, result.is_bot }
end

describe("user_agent.parse", function()
    it("recognises brands built on Chrome before Chrome itself", function()
        assert.same({ "Edge", "131", "Windows", "desktop", 0 }, parsed(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                .. "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.70"))
        assert.same({ "Opera", "114", "Mac OS X", "desktop", 0 }, parsed(
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
                .. "Chrome/129.0.0.0 Safari/537.36 OPR/114.0.0.0"))
    end)

    it("tells phones from tablets", function()
        assert.same({ "Mobile Safari", "18", "iOS", "mobile", 0 }, parsed(
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
        assert.same({ "bingbot", "2", "", "bot", 1 },
            parsed("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"))
        assert.same({ "Python Requests", "2", "", "bot", 1 }, parsed("python-requests/2.32.3"))
        assert.same({ "HeadlessChrome", "131", "Linux", "bot", 1 }, parsed(
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                .. "HeadlessChrome/131.0.0.0 Safari/537.36"))
        assert.same({ "", "", "", "bot", 1 }, parsed(""))
    end)

    it("reads Safari's and Internet Explorer 11's own version tokens", function()
        assert.same({ "Safari", "17", "Mac OS X", "desktop", 0 }, parsed(
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                .. "Version/17.4.1 Safari/605.1.15"))
        assert.same({ "IE", "11", "Windows", "desktop", 0 }, parsed(
            "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko"))
        assert.same({ "", "", "", "desktop", 0 }, parsed("Version/17.4.1 Safarix"))
    end)

    it("fills uap-core's replacement templates from the captures", function()
        -- The specification's own example: family 'Firefox ($1)', the version from the next captures.
        assert.same({ "Firefox (Minefield)", "4", "Windows", "desktop", 0 }, parsed(
            "Mozilla/5.0 (Windows; Windows NT 5.1; rv:2.0b3pre) Gecko/20100727 Minefield/4.0.1pre"))
    end)

    it("applies caseless rules in any case", function()
        -- Only uap-core's caseless "Generic Tablet" rule sees this lower-cased Android 3 (the OS
        -- rules are case-sensitive, so the Android-without-Mobile rule can't).
        assert.same({ "", "", "Linux", "tablet", 0 }, parsed("mozilla/5.0 (linux; u; android 3.0; xoom "
            .. "build/hri39) applewebkit/534.13 (khtml, like gecko) version/4.0 safari/534.13"))
    end)

    it("tells tablets by the device uap-core names, or Android without Mobile", function()
        assert.same({ "Mobile Safari", "17", "iOS", "tablet", 0 }, parsed(
            "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                .. "Version/17.4 Mobile/15E148 Safari/604.1"))
        assert.same({ "Firefox Mobile", "133", "Android", "tablet", 0 },
            parsed("Mozilla/5.0 (Android 13; Tablet; rv:133.0) Gecko/133.0 Firefox/133.0"))
        assert.same({ "Chrome Mobile", "131", "Android", "mobile", 0 }, parsed(
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                .. "Chrome/131.0.0.0 Mobile Safari/537.36"))
        assert.same({ "Chrome", "131", "Chrome OS", "desktop", 0 }, parsed(
            "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
                .. "Chrome/131.0.0.0 Safari/537.36"))
    end)

    it("compiles every uap-core rule with the PCRE ngx_lua links", function()
        local refused = {}
        for name, rules in pairs(uap_rules) do
            for i, rule in ipairs(rules) do
                local _, err = ngx.re.match("", rule.regex, rule.options)
                if err then
                    refused[#refused + 1] = name .. " " .. i .. ": " .. err
                end
            end
        end
        assert.same({}, refused)
    end)

    it("skips a rule its PCRE refuses at the worker's start and goes on to the next", function()
        local refused = { regex = "(Windows", options = "jo" }
        table.insert(uap_rules.os, 1, refused)
        local ok, err = pcall(user_agent.init_worker)
        local result = user_agent.parse("Mozilla/5.0 (Windows NT 6.1; rv:91.0) Gecko/20100101 Fx/91")
        table.remove(uap_rules.os, 1)
        assert.same({ true, nil, "Windows" }, { ok, err, result.os })
        assert.equal(1, #logged)
        assert.truthy(logged[1]:find("^user agent rule skipped: pcre_compile%(%) failed: .+: %(Windows$"), logged[1])
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
