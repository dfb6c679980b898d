local element = require "sluice.element"

local function completed(values)
    element.complete(values, "shop.test")
    return values
end

describe("element.complete", function()
    it("names link clicks to files downloads, whatever the host", function()
        for _, href in ipairs({ "https://shop.test/files/manual.PDF", "https://cdn.test/app.dmg?v=2#x" }) do
            assert.are.equal("$download", completed({ name = "$autocapture", el_href = href, el_classes = "" }).name)
        end
    end)

    it("names link clicks to other hosts outbound, and same-host links not", function()
        local function name_of(href)
            return completed({ name = "$autocapture", el_href = href, el_classes = "" }).name
        end
        assert.are.equal("$outbound", name_of("https://partner.test/offer"))
        assert.are.equal("$autocapture", name_of("https://shop.test/cart"))
        assert.are.equal("$autocapture", name_of("https://SHOP.test:443/about.html"))
        assert.are.equal("$autocapture", name_of("mailto:sales@shop.test"))
        assert.are.equal("$autocapture", name_of("javascript:void(0)"))
    end)

    it("leaves other events' names alone", function()
        local submit = completed({ name = "$form_submit", el_href = "https://pay.test/x.pdf", el_classes = "" })
        assert.are.equal("$form_submit", submit.name)
    end)

    it("drops exactly the class names the rules' Lua patterns describe", function()
        -- The rules as patterns: what the byte walk must agree with on any input.
        local function generated(class)
            return class:find("%d%d%d") or class:find("^css%-") or class:find("^sc%-") or class:find("__[%w%-]*%d")
        end
        math.randomseed(11)
        local alphabet = { "a", "Z", "1", "2", "_", "-", " ", "\t", "c", "s", "css-", "sc-", "__", "\195\169" }
        for _ = 1, 20000 do
            local pieces = {}
            for i = 1, math.random(0, 12) do
                pieces[i] = alphabet[math.random(#alphabet)]
            end
            local classes = table.concat(pieces)
            local kept = {}
            for class in classes:gmatch("%S+") do
                if not generated(class) then
                    kept[#kept + 1] = class
                end
            end
            local values = completed({ name = "$autocapture", el_href = "", el_classes = classes })
            assert.are.equal(table.concat(kept, " "), values.el_classes, classes)
        end
    end)

    it("drops generated class names and folds whitespace", function()
        local values = completed({ name = "$autocapture", el_href = "",
            el_classes = "  btn\n css-1x2y3z btn-primary sc-bdVaJa Button_primary__3xk9e card__title  " })
        assert.are.equal("btn btn-primary card__title", values.el_classes)
    end)
end)
