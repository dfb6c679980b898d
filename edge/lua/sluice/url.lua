-- Absolute URLs from untrusted input, split without a full parser: only what the edge stores.
local str_gsub = string.gsub
local str_lower = string.lower
local str_match = string.match
local str_sub = string.sub

local _M = { _VERSION = '0.1' }

-- Lower-cased host (no user info or port), path (no query or fragment; "/" when empty) and the
-- query string (without "?"), or nil when `url` is not absolute.
function _M.parse(url)
    local rest = str_match(url, "^%a[%w+.-]*://(.*)$")
    if not rest then
        return nil
    end
    local authority = str_match(rest, "^[^/?#]*")
    local after_authority = str_sub(rest, #authority + 1)
    local path = str_match(after_authority, "^[^?#]*")
    local query = str_match(after_authority, "^[^?#]*%?([^#]*)") or ""
    local host = str_gsub(authority, "^.*@", "")
    host = str_match(host, "^%[[^%]]*%]") or str_gsub(host, ":%d*$", "")
    if host == "" then
        return nil
    end
    return str_lower(host), path == "" and "/" or path, query
end

return _M
