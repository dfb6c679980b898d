-- ngx.re.match and ngx.re.find for the specs: the PCRE library ngx_lua links (libpcre.so.3), through
-- FFI, with the options the edge uses ("j" JIT, "o" compile once, "i" caseless) and ngx_lua's results.
local ffi = require "ffi"

ffi.cdef [[
typedef struct real_pcre pcre;
typedef struct pcre_extra pcre_extra;
pcre *pcre_compile(const char *pattern, int options, const char **errptr, int *erroffset,
    const unsigned char *tableptr);
pcre_extra *pcre_study(const pcre *code, int options, const char **errptr);
int pcre_fullinfo(const pcre *code, const pcre_extra *extra, int what, void *where);
int pcre_exec(const pcre *code, const pcre_extra *extra, const char *subject, int length,
    int startoffset, int options, int *ovector, int ovecsize);
]]

local libpcre = ffi.load("libpcre.so.3")

local PCRE_CASELESS = 0x00000001
local PCRE_STUDY_JIT_COMPILE = 0x0001
local PCRE_INFO_CAPTURECOUNT = 2
local PCRE_ERROR_NOMATCH = -1

-- Compiled patterns by options, then pattern, kept for the run as ngx_lua's "o" keeps them (no key
-- is built per call: a pattern can be kilobytes long).
local compiled = {}

local function compile(regex, options)
    local by_regex = compiled[options]
    if not by_regex then
        by_regex = {}
        compiled[options] = by_regex
    end
    local entry = by_regex[regex]
    if entry then
        return entry
    end
    local err, offset = ffi.new("const char *[1]"), ffi.new("int[1]")
    local flags = options:find("i", 1, true) and PCRE_CASELESS or 0
    local code = libpcre.pcre_compile(regex, flags, err, offset, nil)
    if code == nil then
        return nil, "pcre_compile() failed: " .. ffi.string(err[0]) .. " at " .. offset[0]
    end
    local study = options:find("j", 1, true) and PCRE_STUDY_JIT_COMPILE or 0
    local extra = libpcre.pcre_study(code, study, err)
    local count = ffi.new("int[1]")
    libpcre.pcre_fullinfo(code, extra, PCRE_INFO_CAPTURECOUNT, count)
    entry = { code = code, extra = extra, captures = count[0] }
    by_regex[regex] = entry
    return entry
end

-- Runs a compiled pattern: the offsets vector and PCRE's result code, or nil and an error.
local function exec(subject, regex, options)
    local entry, err = compile(regex, options or "")
    if not entry then
        return nil, err
    end
    local size = (entry.captures + 1) * 3
    local ovector = ffi.new("int[?]", size)
    local rc = libpcre.pcre_exec(entry.code, entry.extra, subject, #subject, 0, 0, ovector, size)
    if rc < 0 and rc ~= PCRE_ERROR_NOMATCH then
        return nil, "pcre_exec() failed: " .. rc
    end
    return ovector, rc, entry.captures
end

return {
    -- Captures from 1 (`false` for a group that took no part), nil when nothing matched, nil and an
    -- error when the pattern does not compile.
    match = function(subject, regex, options)
        local ovector, rc, captures = exec(subject, regex, options)
        if not ovector then
            return nil, rc
        end
        if rc == PCRE_ERROR_NOMATCH then
            return nil
        end
        local result = {}
        for i = 0, captures do
            local from, to = ovector[i * 2], ovector[i * 2 + 1]
            result[i] = from >= 0 and subject:sub(from + 1, to) or false
        end
        return result
    end,
    -- The match's first and last byte (from 1), nil when nothing matched, nil, nil and an error when
    -- the pattern does not compile.
    find = function(subject, regex, options)
        local ovector, rc = exec(subject, regex, options)
        if not ovector then
            return nil, nil, rc
        end
        if rc == PCRE_ERROR_NOMATCH then
            return nil
        end
        return ovector[0] + 1, ovector[1]
    end,
}
