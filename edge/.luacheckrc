std = "ngx_lua"
max_line_length = 120

-- busted specs: its globals, and the ngx stub they install.
files["spec"] = { std = "ngx_lua+busted", globals = { "ngx" } }
