std = "ngx_lua"
max_line_length = 120

-- busted specs: its globals, and the ngx stub they install and replace parts of (122: a field of a
-- read-only global set: the stub's clock, timers and log).
files["**/spec"] = { std = "ngx_lua+busted", globals = { "ngx" }, ignore = { "122" } }

-- Generated data (src/vendor/): one rule a line, as long as the maintained list's pattern.
files["**/lua/sluice/data/*.lua"] = { max_line_length = false }
