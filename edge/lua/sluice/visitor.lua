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
local SALT_FILE_MODE = 384 -- 0600: the salt turns addresses into ids, so only the edge reads it
-- 16 bytes of the HMAC: collisions stay negligible for any one site's visitors.
local ID_BYTES = 16
local HEX_FORMAT = str_rep("%02x", ID_BYTES)

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

local function create_salt(path)
    local fresh = read_file("/dev/urandom", SALT_BYTES)
    if not fresh or #fresh ~= SALT_BYTES then
        return nil, "cannot read /dev/urandom for the visitor salt"
    end
    local file, err = io_open(path, "wb")
    if not file then
        return nil, "cannot create the visitor salt: " .. err
    end
    -- Restricted while still empty, so the salt is never readable by others, not even briefly.
    if ffi.C.chmod(path, SALT_FILE_MODE) ~= 0 then
        file:close()
        return nil, "cannot restrict the visitor salt " .. path .. " to mode 0600"
    end
    local written, write_err = file:write(fresh)
    file:close()
    if not written then
        return nil, "cannot write the visitor salt " .. path .. ": " .. write_err
    end
    return fresh
end

-- Reads the persisted salt, creating it from the kernel's random source on first start (or
-- after a crash left it empty). A salt of another size is refused rather than replaced:
-- replacing it would silently give every returning visitor a new id.
function _M.load_salt(state_dir)
    local path = state_dir .. "/salt"
    local existing = read_file(path, "*a")
    if existing and #existing == SALT_BYTES then
        salt = existing
        return true
    end
    if existing and #existing > 0 then
        return nil, "the visitor salt " .. path .. " is damaged (" .. #existing .. " bytes, not "
            .. SALT_BYTES .. "); delete it to start over, which gives every visitor a new id"
    end
    local fresh, err = create_salt(path)
    if not fresh then
        return nil, err
    end
    salt = fresh
    return true
end

function _M.id(site_id, client_ip, user_agent)
    local digest = ngx_hmac_sha1(salt, site_id .. "\0" .. client_ip .. "\0" .. user_agent)
    return str_format(HEX_FORMAT, str_byte(digest, 1, ID_BYTES))
end

return _M
