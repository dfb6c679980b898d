-- For test/bot-corpus.test.ts: sluice.bots run on many user agents outside nginx, with the specs'
-- ngx stub (ngx.re.find from the PCRE library ngx_lua links). Reads one user agent a line on stdin
-- and writes its reason a line ("-" for none). Run from edge/: `luajit spec/bot_reasons.lua`.
package.path = "lua/?.lua;/usr/share/lua/5.1/?.lua;" .. package.path
dofile("spec/ngx_stub.lua")
local bots = require "sluice.bots"

for ua in io.lines() do
    io.write(bots.user_agent_reason(ua) or "-", "\n")
end
