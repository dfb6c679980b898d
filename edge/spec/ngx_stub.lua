-- The few ngx functions the pure modules cache when they load. Specs never reach nginx-only
-- behaviour; those paths are tested against a real nginx in edge/test.
_G.ngx = {
    worker = { pid = function() return 4242 end, id = function() return 0 end },
    log = function() end,
    ERR = 4,
    WARN = 5,
    null = nil,
    re = dofile("spec/pcre.lua"),
}
