-- ngx.decode_args as nginx's: "+" and %XX decoded, a repeated key a list, a key without "=" true.
-- Set before the module loads, since it caches it; the real one is tested through nginx (edge/test).
local function decode_args(query)
    local function unescape(text)
        return (text:gsub("+", " "):gsub("%%(%x%x)", function(hex) return string.char(tonumber(hex, 16)) end))
    end
    local args = {}
    for pair in query:gmatch("[^&]+") do
        local key, value = pair:match("^([^=]*)=(.*)$")
        if key then
            key, value = unescape(key), unescape(value)
        else
            key, value = unescape(pair), true
        end
        local seen = args[key]
        if seen == nil then
            args[key] = value
        elseif type(seen) == "table" then
            seen[#seen + 1] = value
        else
            args[key] = { seen, value }
        end
    end
    return args
end
-- rawset: the stub's ngx is the std's read-only global to luacheck.
rawset(ngx, "decode_args", decode_args)

local acquisition = require "sluice.acquisition"

local PAGE = "shop.test"

local function fill(referrer, query)
    return acquisition.fill({}, query or "", referrer or "", PAGE)
end

-- { referrer, page URL query, expected referrer_source, expected channel }
local CASES = {
    -- Referrers from the vendored list, by host or a parent domain.
    { "https://www.google.com/search?q=x", "", "Google", "search" },
    { "https://www.google.co.uk/", "", "Google", "search" },
    { "https://duckduckgo.com/", "", "DuckDuckGo", "search" },
    { "https://search.brave.com/search?q=x", "", "Brave Search", "search" },
    { "https://m.facebook.com/story.php", "", "Facebook", "social" },
    { "https://l.facebook.com/l.php?u=x", "", "Facebook", "social" },
    { "https://t.co/abc", "", "Twitter", "social" },
    { "https://news.ycombinator.com/item?id=1", "", "Hacker News", "social" },
    { "https://old.reddit.com/r/x", "", "Reddit", "social" },
    { "https://mail.google.com/mail/u/0/", "", "Gmail", "email" },
    { "https://outlook.live.com/mail/", "", "Outlook.com", "email" },
    { "https://googleads.g.doubleclick.net/pagead/ads", "", "Google", "paid" },
    { "https://en.wikipedia.org/wiki/Analytics", "", "Wikipedia", "referral" },
    -- Listed without a medium: a referral that keeps its name.
    { "https://maps.google.com/", "", "Google", "referral" },
    -- Sluice's supplement: AI assistants, video, and hosts the list lacks.
    { "https://chatgpt.com/", "", "ChatGPT", "ai" },
    { "https://chat.openai.com/c/1", "", "ChatGPT", "ai" },
    { "https://www.perplexity.ai/search/x", "", "Perplexity", "ai" },
    { "https://claude.ai/chat/1", "", "Claude", "ai" },
    { "https://gemini.google.com/app", "", "Gemini", "ai" },
    { "https://copilot.microsoft.com/", "", "Microsoft Copilot", "ai" },
    { "https://m.youtube.com/watch?v=1", "", "YouTube", "video" },
    { "https://youtu.be/1", "", "YouTube", "video" },
    { "https://vimeo.com/1", "", "Vimeo", "video" },
    { "https://www.twitch.tv/x", "", "Twitch", "video" },
    { "https://www.tiktok.com/@x", "", "TikTok", "social" },
    -- Any other referrer: its host without www., a referral.
    { "https://www.Blog.Example.org:8443/post", "", "blog.example.org", "referral" },
    { "https://notgoogle.com/", "", "notgoogle.com", "referral" },
    -- Nothing, nothing usable, or the same site: direct.
    { "", "", "", "direct" },
    { "junk", "", "", "direct" },
    { "https://shop.test/cart", "", "", "direct" },
    -- UTM medium first, as GA4 reads it (any case).
    { "", "utm_source=google&utm_medium=cpc", "", "paid" },
    { "https://www.google.com/", "utm_medium=cpc", "Google", "paid" },
    { "", "utm_medium=paid_social", "", "paid" },
    { "", "utm_medium=ppc", "", "paid" },
    { "", "utm_medium=cpm", "", "paid" },
    { "", "utm_medium=display", "", "paid" },
    { "", "utm_medium=Email", "", "email" },
    { "https://www.google.com/", "utm_medium=email", "Google", "email" },
    { "", "utm_medium=newsletter", "", "email" },
    { "", "utm_medium=social", "", "social" },
    { "", "utm_medium=social+media", "", "social" },
    { "", "utm_medium=organic", "", "search" },
    { "", "utm_medium=referral", "", "referral" },
    { "", "utm_medium=affiliate", "", "referral" },
    { "", "utm_medium=video", "", "video" },
    -- Then the UTM source: a listed host or a listed source's name.
    { "", "utm_source=chatgpt.com", "", "ai" },
    { "", "utm_source=Facebook", "", "social" },
    { "", "utm_source=google", "", "search" },
    { "", "utm_source=yahoo", "", "search" },
    { "", "utm_source=email", "", "email" },
    { "https://www.reddit.com/", "utm_source=chatgpt.com", "Reddit", "ai" },
    -- Tags that say nothing known: the referrer's kind, else a referral (tagged, so not direct).
    { "https://www.google.com/", "utm_source=spring-promo", "Google", "search" },
    { "", "utm_source=spring-promo&utm_medium=qr", "", "referral" },
    { "", "utm_campaign=spring", "", "referral" },
    -- Click ids: paid, and their network as the source when the referrer is empty.
    { "", "gclid=abc", "Google", "paid" },
    { "", "gbraid=abc", "Google", "paid" },
    { "", "wbraid=abc", "Google", "paid" },
    { "", "msclkid=abc", "Bing", "paid" },
    { "", "fbclid=abc", "Facebook", "paid" },
    { "", "ttclid=abc", "TikTok", "paid" },
    { "", "twclid=abc", "Twitter", "paid" },
    { "", "li_fat_id=abc", "LinkedIn", "paid" },
    { "https://www.bing.com/", "gclid=abc", "Bing", "paid" },
    { "", "utm_medium=email&fbclid=abc", "Facebook", "paid" },
    -- Not click ids: an empty one, or another parameter that merely contains the name.
    { "", "gclid=", "", "direct" },
    { "", "xgclid_not=1&page=2", "", "direct" },
}

describe("acquisition.fill", function()
    it("gives each referrer, UTM tag and click id its source and channel", function()
        local got, want = {}, {}
        for i, case in ipairs(CASES) do
            local values = fill(case[1], case[2])
            got[i] = case[1] .. " ?" .. case[2] .. " → " .. values.referrer_source .. ", " .. values.channel
            want[i] = case[1] .. " ?" .. case[2] .. " → " .. case[3] .. ", " .. case[4]
        end
        assert.same(want, got)
    end)

    it("sets the five UTM tags, the first value of a repeated one, '' for absent ones", function()
        local values = fill("", "utm_source=news+letter&utm_medium=email&utm_campaign=black%20friday"
            .. "&utm_term=a&utm_source=second")
        assert.same({ "news letter", "email", "black friday", "a", "" },
            { values.utm_source, values.utm_medium, values.utm_campaign, values.utm_term, values.utm_content })
        local plain = fill("https://www.google.com/", "")
        assert.same({ "", "", "", "", "" },
            { plain.utm_source, plain.utm_medium, plain.utm_campaign, plain.utm_term, plain.utm_content })
    end)

    it("gives the same answer from its caches as at first", function()
        for _ = 1, 2 do
            local values = fill("https://m.facebook.com/", "utm_medium=CPC")
            assert.same({ "Facebook", "paid" }, { values.referrer_source, values.channel })
            values = fill("https://unknown.example/", "utm_source=nobody")
            assert.same({ "unknown.example", "referral" }, { values.referrer_source, values.channel })
        end
    end)

    it("cuts a host past the longest DNS name before keying its cache", function()
        local long = string.rep("a", 300) .. ".example"
        local values = fill("https://" .. long .. "/", "")
        assert.same({ string.rep("a", 253), "referral" }, { values.referrer_source, values.channel })
    end)
end)
