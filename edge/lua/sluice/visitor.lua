-- Anonymous visitor ids: a salted hash of site, client address and user agent. The address is
-- used here and never written anywhere.
local ffi = require "ffi"

local io_open = io.open
local str_byte = string.byte
local str_format = string.format
local str_rep = string.rep
local ngx_hmac_sha1 = ngx.hmac_sha1

local _M = { _VERSION = '0.1' }

local SALT_BYTES = 32
-- 16 bytes of the HMAC: collisions stay negligible for any one site's visitors.
local ID_BYTES = 16

ffi.cdef [[ int chmod(const char *path, unsigned int mode); ]]

local salt

local function read_file(path, bytes)
    local file = io_open(path, "rb")
    if not file then
        return nil
    end
    local data = file:read(bytes)
    file:close()
    return data
end

-- Reads the persisted salt, creating it from the kernel's random source on first start.
function _M.load_salt(state_dir)
    local path = state_dir .. "/salt"
    local existing = read_file(path, "*a")
    if existing and #existing == SALT_BYTES then
        salt = existing
        return true
    end
    local fresh = read_file("/dev/urandom", SALT_BYTES)
    if not fresh or #fresh ~= SALT_BYTES then
        return nil, "cannot read /dev/urandom for the visitor salt"
    end
    local file, err = io_open(path, "wb")
    if not file then
        return nil, "cannot write the visitor salt: " .. err
    end
    file:write(fresh)
    file:close()
    ffi.C.chmod(path, 384) -- 0600
    salt = fresh
    return true
end

local HEX_FORMAT = str_rep("%02x", ID_BYTES)

function _M.id(site_id, client_ip, user_agent)
    local digest = ngx_hmac_sha1(salt, site_id .. "\0" .. client_ip .. "\0" .. user_agent)
    return str_format(HEX_FORMAT, str_byte(digest, 1, ID_BYTES))
end

return _M
