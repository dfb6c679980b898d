-- Page path patterns a site blocks ("/admin/**", "/preview/*", "/*/draft"), with the reports' wildcards
-- (backend/src/reports/query/filters.ts, wildcardRegex): `**` any text, `*` any text within one path
-- segment (no "/"), everything else itself, the whole path matched. Compiled once per change of the sites
-- file (sluice.sites) into a literal head and pieces each after its wildcard, then matched without
-- backtracking through the pattern's text: each piece is found with one plain search, and only the last
-- `**` is ever moved on (a later `**` can take up anything an earlier one would), so the cost stays near
-- linear in the path, whatever a hostile path holds.
local str_find = string.find
local str_sub = string.sub
local type = type
local ipairs = ipairs

-- The wildcards: a run of one star stays within a segment, a run of two or more crosses them.
local SEGMENT, ANY = 1, 2

local _M = {}

-- Whether `path` holds a "/" between positions `from` and `to` (inclusive).
local function slash_between(path, from, to)
    local slash = str_find(path, "/", from, true)
    return slash ~= nil and slash <= to
end

-- A pattern as { head = its text before the first wildcard, gaps = {…}, pieces = {…} }: piece i is the
-- literal text after wildcard gaps[i] ("" when the pattern ends with that wildcard).
function _M.compile(pattern)
    local star = str_find(pattern, "*", 1, true)
    local compiled = { head = str_sub(pattern, 1, (star or #pattern + 1) - 1), gaps = {}, pieces = {} }
    while star do
        local run_end = star
        while str_sub(pattern, run_end + 1, run_end + 1) == "*" do
            run_end = run_end + 1
        end
        local next_star = str_find(pattern, "*", run_end + 1, true)
        local count = #compiled.gaps + 1
        compiled.gaps[count] = run_end > star and ANY or SEGMENT
        compiled.pieces[count] = str_sub(pattern, run_end + 1, (next_star or #pattern + 1) - 1)
        star = next_star
    end
    return compiled
end

-- Whether the last piece (the pattern's end) can follow at `at`: a trailing wildcard takes the rest (within
-- its segment for `*`), a trailing literal must end the path after a gap its wildcard allows.
local function ends_at(compiled, path, at, last)
    local gap, piece = compiled.gaps[last], compiled.pieces[last]
    local start = #path - #piece + 1
    if start < at or str_sub(path, start) ~= piece then
        return false
    end
    return gap == ANY or not slash_between(path, at, start - 1)
end

-- Whether `path` matches a compiled pattern (_M.compile).
function _M.matches(compiled, path)
    local head = compiled.head
    if str_sub(path, 1, #head) ~= head then
        return false
    end
    local last = #compiled.gaps
    if last == 0 then
        return #path == #head
    end
    local gaps, pieces = compiled.gaps, compiled.pieces
    local at, i = #head + 1, 1
    -- The last `**` piece placed, and where to look for it next if what follows it cannot be placed.
    local retry_piece, retry_at
    while true do
        local placed = false
        if i == last then
            if ends_at(compiled, path, at, last) then
                return true
            end
        else
            local piece = pieces[i]
            local found = str_find(path, piece, at, true)
            -- The leftmost place is the best for a `*` piece too: a later one's gap holds the same "/".
            if found and gaps[i] == SEGMENT and slash_between(path, at, found - 1) then
                found = nil
            end
            if found then
                if gaps[i] == ANY then
                    retry_piece, retry_at = i, found + 1
                end
                at, i, placed = found + #piece, i + 1, true
            end
        end
        if not placed then
            if not retry_piece then
                return false
            end
            i, at, retry_piece = retry_piece, retry_at, nil
        end
    end
end

-- The patterns of a site's list (strings starting with "/"; others are left out), compiled, or nil for none
-- (a request then checks nothing).
function _M.compile_list(list)
    if type(list) ~= "table" then
        return nil
    end
    local compiled
    for _, pattern in ipairs(list) do
        if type(pattern) == "string" and str_sub(pattern, 1, 1) == "/" then
            compiled = compiled or {}
            compiled[#compiled + 1] = _M.compile(pattern)
        end
    end
    return compiled
end

-- Whether any of a compiled list's patterns matches `path`.
function _M.any_matches(list, path)
    for i = 1, #list do
        if _M.matches(list[i], path) then
            return true
        end
    end
    return false
end

return _M
