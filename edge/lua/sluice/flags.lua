-- Feature flag evaluation: one published flag (config/src/flags-document.ts) and what the edge knows of
-- a request → the value the page sees. Pure: no nginx, no files (sluice.flag_documents reads those),
-- so the specs run it as the edge does and the backend's test vectors check the same answers.
--
-- Order: off → false; a targeting rule that does not match → false; the stable id's rollout bucket at
-- or past the rollout → false; else the variant its variant bucket falls in, or true without variants.
local crypto = require "sluice.crypto"
local ffi = require "ffi"

local ipairs = ipairs
local type = type
local str_find = string.find
local str_sub = string.sub
local lshift = bit.lshift
local bor = bit.bor

local _M = { _VERSION = '0.1' }

-- Buckets per flag: a rollout of 12.34% keeps buckets 0–1,233.
local BUCKETS = 10000
-- Whatever a request sends, a path is matched on its first bytes only and an id hashed whole but cut
-- first (sluice.flags_endpoint), so a hostile request costs a bounded amount.
local MAX_PATH_BYTES = 512

local state = ffi.new("sluice_SHA_CTX")
local digest = ffi.new("unsigned char[20]")

-- The digest's bytes [at, at+4) as an unsigned big-endian number, modulo BUCKETS.
local function bucket_at(at)
    local word = bor(lshift(digest[at], 24), lshift(digest[at + 1], 16), lshift(digest[at + 2], 8), digest[at + 3])
    -- bit ops are signed 32-bit: back to 0 … 2^32-1 before the modulo.
    if word < 0 then
        word = word + 4294967296
    end
    return word % BUCKETS
end

-- SHA-1 of "<flag key>:<stable id>": its first 4 bytes give the rollout bucket, the next 4 the variant
-- bucket (independent of each other, so a 50% rollout of a 50/50 flag still splits its half evenly).
function _M.buckets(flag_key, stable_id)
    local text = flag_key .. ":" .. stable_id
    crypto.SHA1_Init(state)
    crypto.SHA1_Update(state, text, #text)
    crypto.SHA1_Final(digest, state)
    return bucket_at(0), bucket_at(4)
end

-- Whether `path` matches a wildcard pattern, where `*` stands for any run of bytes (none included)
-- and everything else for itself: the literal pieces between stars are found in order, each with one
-- plain search, so the cost is linear in the path whatever the pattern holds.
function _M.path_matches(pattern, path)
    if #path > MAX_PATH_BYTES then
        path = str_sub(path, 1, MAX_PATH_BYTES)
    end
    local star = str_find(pattern, "*", 1, true)
    if not star then
        return pattern == path
    end
    local head = str_sub(pattern, 1, star - 1)
    if str_sub(path, 1, #head) ~= head then
        return false
    end
    local at = #head + 1
    local from = star + 1
    while true do
        local next_star = str_find(pattern, "*", from, true)
        if not next_star then
            -- The last piece must end the path, after what the others took.
            local tail = str_sub(pattern, from)
            return #path - #tail + 1 >= at and (tail == "" or str_sub(path, -#tail) == tail)
        end
        local piece = str_sub(pattern, from, next_star - 1)
        if piece ~= "" then
            local _, stop = str_find(path, piece, at, true)
            if not stop then
                return false
            end
            at = stop + 1
        end
        from = next_star + 1
    end
end

-- Whether `value` is one of a rule's values (path rules: matches one of its patterns).
local function any_of(values, value, is_path)
    for _, candidate in ipairs(values) do
        if type(candidate) == "string" then
            if is_path then
                if _M.path_matches(candidate, value) then
                    return true
                end
            elseif candidate == value then
                return true
            end
        end
    end
    return false
end

-- What a rule's attribute names in the request's context.
local function attribute_value(attribute, context)
    if attribute == "userId" then
        return context.has_user_id and "present" or "absent"
    end
    return context[attribute]
end

-- Whether a rule holds: `in` (the default) when the attribute is one of the values, `not_in` when it
-- is none. A rule on an attribute the edge doesn't know never holds, so a typo shows no one the flag.
local function rule_holds(rule, context)
    if type(rule) ~= "table" or type(rule.values) ~= "table" then
        return false
    end
    local value = attribute_value(rule.attribute, context)
    if type(value) ~= "string" then
        return false
    end
    local found = any_of(rule.values, value, rule.attribute == "path")
    if rule.operator == "not_in" then
        return not found
    end
    return found
end

-- The variant whose share of the buckets holds `bucket` (weights in percent, summing to 100); the
-- last one takes anything rounding left over.
local function variant_of(variants, bucket)
    local upper = 0
    local last
    for _, variant in ipairs(variants) do
        if type(variant) == "table" and type(variant.key) == "string" and type(variant.weight) == "number" then
            upper = upper + variant.weight * (BUCKETS / 100)
            last = variant.key
            if bucket < upper then
                return last
            end
        end
    end
    return last or true
end

-- The value of one published flag for a request: false, true, or a variant's key. `context` holds
-- `path`, `country`, `device`, `browser` and `has_user_id`.
function _M.evaluate(flag, context, stable_id)
    if flag.enabled ~= true then
        return false
    end
    if type(flag.rules) == "table" then
        for _, rule in ipairs(flag.rules) do
            if not rule_holds(rule, context) then
                return false
            end
        end
    end
    local rollout_bucket, variant_bucket = _M.buckets(flag.key, stable_id)
    local rollout = type(flag.rollout) == "number" and flag.rollout or 100
    if rollout_bucket >= rollout * (BUCKETS / 100) then
        return false
    end
    if type(flag.variants) == "table" and #flag.variants > 0 then
        return variant_of(flag.variants, variant_bucket)
    end
    return true
end

-- Every flag of a published document's list, by key, into `into`.
function _M.evaluate_all(flags, context, stable_id, into)
    for _, flag in ipairs(flags) do
        if type(flag) == "table" and type(flag.key) == "string" then
            into[flag.key] = _M.evaluate(flag, context, stable_id)
        end
    end
    return into
end

return _M
