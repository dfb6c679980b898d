local ffi = require "ffi"
local crypto = require "sluice.crypto"

pcall(ffi.cdef, "const EVP_MD *EVP_sha1(void);")

-- The clock visitor.id reads, set by each test.
local now = 1764547200 -- 2025-12-01 00:00:00 UTC
ngx.time = function() return now end
ngx.timer = ngx.timer or { every = function() return true end }
local visitor = require "sluice.visitor"

-- HMAC-SHA1 by OpenSSL's one-shot HMAC(), as ngx.hmac_sha1 computes it: the reference.
local function reference_id(salt, message)
    local md = ffi.new("unsigned char[20]")
    local md_length = ffi.new("unsigned int[1]")
    crypto.HMAC(crypto.EVP_sha1(), salt, #salt, message, #message, md, md_length)
    return (ffi.string(md, 16):gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

local function read(path)
    local file = assert(io.open(path, "rb"))
    local data = file:read("*a")
    file:close()
    return data
end

describe("visitor.id", function()
    local state_dir = os.tmpname()
    os.remove(state_dir)
    assert(visitor.init(state_dir))
    teardown(function()
        os.execute("rm -rf '" .. state_dir .. "'")
    end)

    it("is the first 16 bytes of HMAC-SHA1(salt, site id, address, user agent) in hex", function()
        local salt = read(state_dir .. "/salts/" .. os.date("!%Y-%m-%d", now))
        assert.equal(32, #salt)
        local agents = { "", "test-agent/1.0", string.rep("Mozilla/5.0 (X11; Linux x86_64) ü ", 20) }
        for _, ip in ipairs({ "127.0.0.1", "2001:db8::1" }) do
            for _, ua in ipairs(agents) do
                for _, site_id in ipairs({ 7, 4294967295 }) do
                    assert.equal(reference_id(salt, site_id .. "\0" .. ip .. "\0" .. ua), visitor.id(site_id, ip, ua))
                end
            end
        end
    end)

    it("hashes under a new salt from the first id of a new UTC day", function()
        local before = visitor.id(7, "127.0.0.1", "test-agent/1.0")
        now = now + 86400
        local after = visitor.id(7, "127.0.0.1", "test-agent/1.0")
        local salt = read(state_dir .. "/salts/" .. os.date("!%Y-%m-%d", now))
        assert.are_not.equal(before, after)
        assert.equal(reference_id(salt, "7\0" .. "127.0.0.1\0" .. "test-agent/1.0"), after)
    end)
end)
