-- Against the contract config/ generates (npm run build -w config), as the edge loads it.
local contract = require "sluice.contract"
local revenue = require "sluice.revenue"

assert(contract.load("../config/dist/event-contract.json"))
revenue.configure(contract.revenue, contract.decimal_scale, contract.by_name.revenue_amount.max)

local function of(props)
    return { revenue.of(props) }
end

describe("revenue.of", function()
    it("takes the amount as exact decimal text and the currency upper-cased", function()
        assert.are.same({ "19.99", "EUR" }, of({ revenue = "19.99", currency = "EUR" }))
        assert.are.same({ "19.99", "EUR" }, of({ revenue = 19.99, currency = "eur" }))
        assert.are.same({ "7.5", "USD" }, of({ revenue = "007.5000", currency = "Usd" }))
        assert.are.same({ "1250", "JPY" }, of({ revenue = 1250, currency = "JPY" }))
        assert.are.same({ "0.0001", "KWD" }, of({ revenue = "0.0001", currency = "KWD" }))
        assert.are.same({ "99999999999.9999", "CHF" }, of({ revenue = "99999999999.9999", currency = "CHF" }))
        -- A JavaScript sum's float noise is below the 15 digits a double holds: 0.1 + 0.2 is 0.3.
        assert.are.same({ "0.3", "EUR" }, of({ revenue = 0.1 + 0.2, currency = "EUR" }))
    end)

    it("writes a zero amount as the field's default, with its currency", function()
        assert.are.same({ 0, "EUR" }, of({ revenue = "0.00", currency = "EUR" }))
        assert.are.same({ 0, "EUR" }, of({ revenue = 0, currency = "EUR" }))
    end)

    it("gives no revenue to events without a revenue property", function()
        assert.are.same({ 0, "" }, of(nil))
        assert.are.same({ 0, "" }, of("revenue"))
        assert.are.same({ 0, "" }, of({}))
        assert.are.same({ 0, "" }, of({ currency = "EUR", plan = "pro" }))
    end)

    it("refuses amounts that are not decimals ≥ 0 with at most 4 digits after the point, below the max", function()
        for _, amount in ipairs({
            "", "abc", "-1", "+1", "1e3", "1,50", "1.2.3", ".5", "5.", " 5", "5 ", "0x10", "19.99999",
            "100000000000", "99999999999.99991", string.rep("1", 33), "١٢", -1, 1e15, 0.00001, 1 / 0, true,
            { 1 },
        }) do
            assert.are.same({ 0, "", "bad_revenue" }, of({ revenue = amount, currency = "EUR" }), tostring(amount))
        end
        -- Trailing zeros past the 4th digit change nothing, and leading zeros don't count against the cut.
        assert.are.same({ "1.5", "EUR" }, of({ revenue = "1.50000000", currency = "EUR" }))
        assert.are.same({ "12", "EUR" }, of({ revenue = string.rep("0", 20) .. "12", currency = "EUR" }))
    end)

    it("refuses a currency that is not an ISO 4217 code of the contract's list", function()
        for _, currency in ipairs({ "", "EU", "EURO", "XYZ", "XAU", "E1R", "€", 978, true }) do
            assert.are.same({ 0, "", "bad_currency" }, of({ revenue = "10", currency = currency }),
                tostring(currency))
        end
        assert.are.same({ 0, "", "bad_currency" }, of({ revenue = "10" }))
    end)
end)
