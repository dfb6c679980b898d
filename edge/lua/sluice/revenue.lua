-- Revenue by the contract's property convention (REVENUE in config/src/event-contract.ts): an event
-- whose props hold an amount and a currency. The amount becomes the exact decimal text the row
-- writes as a JSON number ("019.90" → "19.9"), so no float ever rounds it; the currency becomes an
-- upper-case ISO 4217 code of the contract's list. An amount or currency that breaks the rules leaves the event
-- without revenue, and says why, for the edge to count.
local assert = assert
local ipairs = ipairs
local type = type
local math_huge = math.huge
local str_byte = string.byte
local str_format = string.format
local str_sub = string.sub
local str_upper = string.upper
local tonumber = tonumber

local _M = { _VERSION = '0.1' }

-- The longest amount text read: "99999999999.9999" is 16 bytes; leading and trailing zeros may add
-- some, and anything longer is refused before a byte of it is walked.
local MAX_AMOUNT_BYTES = 32
-- How a number of the beacon's JSON becomes text: 15 significant digits, the most any amount the
-- contract accepts has, so 19.99 prints back as "19.99", and float noise past them (0.1 + 0.2) drops.
local NUMBER_FORMAT = "%.15g"

local DOT, DIGIT_0, DIGIT_9 = 46, 48, 57

-- Set by configure() from the contract.
local AMOUNT_PROPERTY, CURRENCY_PROPERTY, SCALE, MAX_AMOUNT
local CURRENCIES

-- Takes the convention from the loaded contract: the property names, the currencies, the digits a
-- decimal keeps after the point and the largest amount.
function _M.configure(convention, scale, max_amount)
    assert(type(convention.amountProperty) == "string" and type(convention.currencyProperty) == "string",
        "the contract names no revenue properties")
    AMOUNT_PROPERTY, CURRENCY_PROPERTY = convention.amountProperty, convention.currencyProperty
    SCALE, MAX_AMOUNT = assert(scale, "no decimal scale"), assert(max_amount, "no largest amount")
    CURRENCIES = {}
    for _, code in ipairs(convention.currencies) do
        CURRENCIES[code] = true
    end
end

-- The amount as decimal text without leading or trailing zeros ("0" for zero), or nil when `text`
-- is not digits with an optional point and digits after it, has too many of those, or is too large.
local function decimal_text(text)
    local length = #text
    if length == 0 or length > MAX_AMOUNT_BYTES then
        return nil
    end
    local dot
    for i = 1, length do
        local byte = str_byte(text, i)
        if byte == DOT and not dot then
            dot = i
        elseif byte < DIGIT_0 or byte > DIGIT_9 then
            return nil
        end
    end
    -- Digits on both sides of a point: ".5" and "5." are not amounts.
    if dot == 1 or dot == length then
        return nil
    end
    local integer_end = dot and dot - 1 or length
    local first = 1
    while first < integer_end and str_byte(text, first) == DIGIT_0 do
        first = first + 1
    end
    local fraction_end = length
    if dot then
        while fraction_end > dot and str_byte(text, fraction_end) == DIGIT_0 do
            fraction_end = fraction_end - 1
        end
        if fraction_end - dot > SCALE then
            return nil
        end
    end
    local amount = str_sub(text, first, (dot and fraction_end > dot) and fraction_end or integer_end)
    if tonumber(amount) > MAX_AMOUNT then
        return nil
    end
    return amount
end

-- A props value as an amount's text: strings as they are, numbers as their shortest decimal.
local function amount_text(value)
    if type(value) == "string" then
        return value
    end
    -- Negative and non-finite numbers print as no amount ("-1", "inf"), but are refused here anyway.
    if type(value) == "number" and value >= 0 and value < math_huge then
        return str_format(NUMBER_FORMAT, value)
    end
    return ""
end

-- The event's revenue from its props: the amount's decimal text (or 0), the currency (or "") and,
-- when the props name an amount that can't be taken, "bad_revenue" or "bad_currency".
function _M.of(props)
    if type(props) ~= "table" then
        return 0, ""
    end
    local value = props[AMOUNT_PROPERTY]
    if value == nil then
        return 0, ""
    end
    local amount = decimal_text(amount_text(value))
    if not amount then
        return 0, "", "bad_revenue"
    end
    local currency = props[CURRENCY_PROPERTY]
    currency = type(currency) == "string" and #currency == 3 and str_upper(currency)
    if not currency or not CURRENCIES[currency] then
        return 0, "", "bad_currency"
    end
    return amount == "0" and 0 or amount, currency
end

return _M
