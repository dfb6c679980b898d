-- Client address → country, region and city, from MaxMind-format databases read with libmaxminddb
-- through FFI. Two layouts are read: MaxMind's GeoLite2/GeoIP2 City (nested names) and the flat one
-- of the openly licensed files shipped by default (@ip-location-db: country_code, state1, city).
-- A missing library or database leaves the fields empty: the caller logs why once, and requests
-- never fail for it. Results are cached per worker, in memory only, for the addresses of the moment.
local ffi = require "ffi"
local lrucache = require "resty.lrucache"
local text = require "sluice.text"

local ipairs = ipairs
local pcall = pcall
local type = type
local ffi_string = ffi.string
local clean = text.clean
local str_find = string.find

local _M = { _VERSION = '0.1' }

-- libmaxminddb 1.7 on x86_64 (sizes checked against maxminddb.h: MMDB_s 136 bytes, entry data 48
-- with its value union at offset 16, because the union holds an aligned 128-bit integer).
pcall(ffi.cdef, [[
    typedef struct { uint64_t opaque[17]; } sluice_MMDB_s;
    typedef struct { const sluice_MMDB_s *mmdb; uint32_t offset; } sluice_MMDB_entry_s;
    typedef struct {
        bool found_entry;
        sluice_MMDB_entry_s entry;
        uint16_t netmask;
    } sluice_MMDB_lookup_result_s;
    typedef struct {
        bool has_data;
        union {
            uint32_t pointer;
            const char *utf8_string;
            double double_value;
            uint8_t uint128[16] __attribute__((aligned(16)));
        };
        uint32_t offset;
        uint32_t offset_to_next;
        uint32_t data_size;
        uint32_t type;
    } sluice_MMDB_entry_data_s;
    int MMDB_open(const char *filename, uint32_t flags, sluice_MMDB_s *mmdb);
    sluice_MMDB_lookup_result_s MMDB_lookup_string(const sluice_MMDB_s *mmdb, const char *ipstr,
        int *gai_error, int *mmdb_error);
    int MMDB_aget_value(sluice_MMDB_entry_s *start, sluice_MMDB_entry_data_s *entry_data,
        const char *const *path);
    const char *MMDB_strerror(int error_code);
]])

local MMDB_MODE_MMAP = 1
local MMDB_SUCCESS = 0
local UTF8_STRING = 2
-- The contract's limits are larger; names longer than this are no real place.
local MAX_NAME_BYTES = 100
local CACHE_SIZE = 10000
local EMPTY = { "", "", "" }

-- Each field's paths, in the order tried: GeoLite2 layout, then the flat one.
local FIELD_PATHS = {
    { { "country", "iso_code" }, { "country_code" } },
    { { "subdivisions", "0", "names", "en" }, { "state1" } },
    { { "city", "names", "en" }, { "city" } },
}

local library
-- Databases by address family ("ipv4", "ipv6"); one file may serve both.
local databases = {}
-- Each path as a NULL-terminated C array, held with the C strings it points to: a bare array would
-- not keep them from the garbage collector.
local c_paths = {}
local cache = assert(lrucache.new(CACHE_SIZE))
local gai_error = ffi.new("int[1]")
local mmdb_error = ffi.new("int[1]")
local entry_data = ffi.new("sluice_MMDB_entry_data_s")
local entry = ffi.new("sluice_MMDB_entry_s")

for field, paths in ipairs(FIELD_PATHS) do
    c_paths[field] = {}
    for i, path in ipairs(paths) do
        local array = ffi.new("const char *[?]", #path + 1)
        local strings = {}
        for j, key in ipairs(path) do
            strings[j] = ffi.new("char[?]", #key + 1, key)
            array[j - 1] = strings[j]
        end
        array[#path] = nil
        c_paths[field][i] = { array = array, strings = strings }
    end
end

local function load_library()
    if library then
        return library
    end
    local ok, loaded = pcall(ffi.load, "libmaxminddb.so.0")
    if not ok then
        return nil, "libmaxminddb is not installed (Debian: libmaxminddb0)"
    end
    library = loaded
    return library
end

local function open_file(path)
    local lib, err = load_library()
    if not lib then
        return nil, err
    end
    local mmdb = ffi.new("sluice_MMDB_s")
    local status = lib.MMDB_open(path, MMDB_MODE_MMAP, mmdb)
    if status ~= MMDB_SUCCESS then
        return nil, "cannot open the geo database " .. path .. ": " .. ffi_string(lib.MMDB_strerror(status))
    end
    return mmdb
end

-- Opens the databases for IPv4 and IPv6 addresses (the same path for a file with both). Returns
-- true, or nil and what went wrong; lookups then answer empty fields for the family concerned.
function _M.open(ipv4_path, ipv6_path)
    databases = {}
    cache:flush_all()
    local v4, err4 = open_file(ipv4_path)
    if not v4 then
        return nil, err4
    end
    databases.ipv4 = v4
    if ipv6_path == ipv4_path then
        databases.ipv6 = v4
        return true
    end
    local v6, err6 = open_file(ipv6_path)
    if not v6 then
        return nil, err6
    end
    databases.ipv6 = v6
    return true
end

local function field_value(field)
    for _, path in ipairs(c_paths[field]) do
        if library.MMDB_aget_value(entry, entry_data, path.array) == MMDB_SUCCESS
            and entry_data.has_data and entry_data.type == UTF8_STRING then
            local value = ffi_string(entry_data.utf8_string, entry_data.data_size)
            if value ~= "" then
                return clean(value, MAX_NAME_BYTES)
            end
        end
    end
    return ""
end

local function lookup(ip)
    local mmdb = databases[str_find(ip, ":", 1, true) and "ipv6" or "ipv4"]
    if not mmdb or #ip > 45 or str_find(ip, "%z") then
        return EMPTY
    end
    local result = library.MMDB_lookup_string(mmdb, ip, gai_error, mmdb_error)
    if gai_error[0] ~= 0 or mmdb_error[0] ~= MMDB_SUCCESS or not result.found_entry then
        return EMPTY
    end
    entry.mmdb = result.entry.mmdb
    entry.offset = result.entry.offset
    return { field_value(1), field_value(2), field_value(3) }
end

-- Country (ISO 3166-1 alpha-2), region and city of an address; "" for each that is unknown.
function _M.lookup(ip)
    if type(ip) ~= "string" then
        return "", "", ""
    end
    local place = cache:get(ip)
    if not place then
        place = lookup(ip)
        cache:set(ip, place)
    end
    return place[1], place[2], place[3]
end

return _M
