-- ngx.re.find for the specs: the PCRE library ngx_lua links (libpcre.so.3), through FFI, with the
-- options the edge uses ("j" JIT, "o" compile once, "i" caseless) and ngx_lua's results: the match's
-- first and last byte (from 1), nil when nothing matched, nil, nil and an error when the pattern does
-- not compile.
local ffi = require "ffi"

ffi.cdef [[
typedef struct real_pcre pcre;
typedef struct pcre_extra pcre_extra;
pcre *pcre_compile(const char *pattern, int options, const char **errptr, int *erroffset,
    const unsigned char *tableptr);
pcre_extra *pcre_study(const pcre *code, int options, const char **errptr);
int pcre_exec(const pcre *code, const pcre_extra *extra, const char *subject, int length,
    int startoffset, int options, int *ovector, int ovecsize);
]]

local libpcre = ffi.load("libpcre.so.3")

local PCRE_CASELESS = 0x00000001
local PCRE_STUDY_JIT_COMPILE = 0x0001
local PCRE_ERROR_NOMATCH = -1
-- The whole match's offsets and PCRE's workspace: no captures are read.
local OVECTOR_SIZE = 30

-- Compiled patterns by options, then pattern, kept for the run as ngx_lua's "o" keeps them (no
-- key is built per call: a pattern can be kilobytes long).
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
    entry = { code = code, extra = libpcre.pcre_study(code, study, err) }
    by_regex[regex] = entry
    return entry
end

local ovector = ffi.new("int[?]", OVECTOR_SIZE)

return function(subject, regex, options)
    local entry, err = compile(regex, options or "")
    if not entry then
        return nil, nil, err
    end
    local rc = libpcre.pcre_exec(entry.code, entry.extra, subject, #subject, 0, 0, ovector, OVECTOR_SIZE)
    if rc == PCRE_ERROR_NOMATCH then
        return nil
    end
    if rc < 0 then
        return nil, nil, "pcre_exec() failed: " .. rc
    end
    return ovector[0] + 1, ovector[1]
end
