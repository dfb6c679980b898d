-- The edge's disk. Once a second one worker (whichever takes the shared dict's lock first):
--   * closes the NDJSON file by size or age: renames events.ndjson to events.ndjson.<time>, then asks
--     nginx's master to reopen the logs (SIGUSR1, as `nginx -s reopen` does). Every worker flushes its
--     buffered log into the renamed file before it opens the new one, so a line is never split or lost;
--     the pipeline ships the renamed file and deletes it once ClickHouse has all of it;
--   * measures the events folder (every file in it) and decides, by sluice.disk_policy, whether beacons
--     are refused: the collect handler reads one flag from the shared dict, nothing more.
-- The backlog, the budget and the decision are exported as metrics.
local ffi = require "ffi"
local metrics = require "sluice.metrics"
local policy = require "sluice.disk_policy"

local io_open = io.open
local os_rename = os.rename
local str_match = string.match
local ffi_errno = ffi.errno
local ffi_string = ffi.string
local C = ffi.C
local ngx = ngx
local ngx_log = ngx.log
local ngx_ERR = ngx.ERR
local ngx_now = ngx.now
local ngx_timer_every = ngx.timer.every

local _M = { _VERSION = '0.1' }

local INTERVAL_SECONDS = 1
-- The lock's life: shorter than the interval, so every second one worker acts, never two at once.
local LOCK_SECONDS = 0.9
-- Linux's number for SIGUSR1: nginx's master reopens its log files on it.
local SIGUSR1 = 10
-- readdir's d_type for a folder.
local DT_DIR = 4
-- (uid_t) -1: setresuid leaves that id as it is.
local UNCHANGED = 4294967295

ffi.cdef [[
    typedef struct sluice_dir sluice_dir;
    /* glibc's struct dirent on 64-bit Linux (x86_64 and aarch64 alike). */
    struct sluice_dirent {
        uint64_t d_ino;
        int64_t d_off;
        unsigned short d_reclen;
        unsigned char d_type;
        char d_name[256];
    };
    sluice_dir *opendir(const char *name);
    struct sluice_dirent *readdir(sluice_dir *dir);
    int closedir(sluice_dir *dir);
    struct sluice_passwd {
        char *pw_name;
        char *pw_passwd;
        uint32_t pw_uid;
        uint32_t pw_gid;
        char *pw_gecos;
        char *pw_dir;
        char *pw_shell;
    };
    struct sluice_passwd *getpwnam(const char *name);
    uint32_t geteuid(void);
    int setresuid(uint32_t ruid, uint32_t euid, uint32_t suid);
    int chown(const char *path, uint32_t owner, uint32_t group);
    int getppid(void);
    int kill(int pid, int sig);
    char *strerror(int errnum);
]]

local dict
-- Set in the master by init; nil when the edge was started without disk limits (tests that read its
-- one file whole).
local limits
local folder
local active

-- What went wrong last, so a lasting fault is one error line rather than one a second.
local reported

local function report(trouble)
    if trouble ~= reported then
        reported = trouble
        if trouble then
            ngx_log(ngx_ERR, trouble)
        end
    end
end

local function errno_text()
    return ffi_string(C.strerror(ffi_errno()))
end

-- When nginx starts as root its workers run as `user`, and they rename the NDJSON file in its folder
-- and signal the master: the folder becomes theirs, and the master's saved user id becomes theirs too.
-- The kernel lets a process signal one whose real or saved user id is its own; the master keeps
-- root as its real and effective id, and with them every privilege it has.
local function let_workers_rotate(user)
    if C.geteuid() ~= 0 then
        return true
    end
    local account = C.getpwnam(user)
    if account == nil then
        return nil, "no account " .. user .. " for nginx's workers"
    end
    if C.chown(folder, account.pw_uid, UNCHANGED) ~= 0 then
        return nil, "cannot give the events folder " .. folder .. " to " .. user .. ": " .. errno_text()
    end
    if C.setresuid(UNCHANGED, UNCHANGED, account.pw_uid) ~= 0 then
        return nil, "cannot let nginx's workers signal their master: " .. errno_text()
    end
    return true
end

-- In the master, before workers fork. `config.rotate_bytes` 0: no limits.
function _M.init(config)
    dict = ngx.shared[config.disk_dict]
    if not dict then
        return nil, "no lua_shared_dict " .. config.disk_dict .. " for the disk budget"
    end
    if config.rotate_bytes == 0 then
        return true
    end
    folder, active = str_match(config.events_log, "^(.*)/([^/]+)$")
    limits = {
        rotate_bytes = config.rotate_bytes,
        rotate_seconds = config.rotate_seconds,
        budget = config.disk_budget,
    }
    return let_workers_rotate(config.worker_user)
end

local function file_size(path)
    local file = io_open(path, "rb")
    -- Gone between the listing and now: the pipeline deleted it.
    if not file then
        return 0
    end
    local size = file:seek("end")
    file:close()
    return size or 0
end

-- Bytes of every file in the events folder, and of the active file (nil when it does not exist).
local function measure()
    local dir = C.opendir(folder)
    if dir == nil then
        return nil, "cannot list the events folder " .. folder .. ": " .. errno_text()
    end
    local total, active_size = 0, nil
    while true do
        local entry = C.readdir(dir)
        if entry == nil then
            break
        end
        if entry.d_type ~= DT_DIR then
            local name = ffi_string(entry.d_name)
            local size = file_size(folder .. "/" .. name)
            total = total + size
            if name == active then
                active_size = size
            end
        end
    end
    C.closedir(dir)
    return total, active_size
end

-- Asks the master to reopen the logs; it passes the request on to every worker.
local function reopen()
    if C.kill(C.getppid(), SIGUSR1) ~= 0 then
        return "cannot ask nginx's master to reopen the NDJSON file: " .. errno_text()
    end
end

-- Closes the active file when it is due. Returns what went wrong, if anything.
local function rotate(active_size, now)
    if not active_size then
        -- Renamed without a reopen that took (or removed by hand): the workers write to a file the
        -- pipeline may delete, until they reopen.
        return reopen()
    end
    local first_seen = dict:get("first_seen")
    if active_size > 0 and not first_seen then
        first_seen = now
        dict:set("first_seen", now)
    end
    if not policy.rotate(active_size, first_seen, now, limits.rotate_bytes, limits.rotate_seconds) then
        return
    end
    local path = folder .. "/" .. active
    local target = policy.rotated_name(path, now)
    -- rename() would replace a file that may not be shipped yet (a clock set back).
    if io_open(target, "rb") then
        return "not closing " .. path .. ": " .. target .. " exists"
    end
    local ok, err = os_rename(path, target)
    if not ok then
        return "cannot close the NDJSON file: " .. err
    end
    dict:delete("first_seen")
    metrics.ndjson_rotated()
    return reopen()
end

local function tick(premature)
    if premature or not dict:add("lock", true, LOCK_SECONDS) then
        return
    end
    local now = ngx_now()
    local total, active_size_or_err = measure()
    if not total then
        return report(active_size_or_err)
    end
    local trouble = rotate(active_size_or_err, now)
    local elapsed = now - (dict:get("measured_at") or now)
    local rate = policy.write_rate(dict:get("total"), total, elapsed, dict:get("rate"))
    local refused_at = dict:get("refused_at")
    local refusing = policy.refuse(refused_at, total, rate, limits.budget)
    dict:set("total", total)
    dict:set("measured_at", now)
    dict:set("rate", rate)
    -- The one key the collect handler reads: set while refusing.
    dict:set("refused_at", refusing and (refused_at or total) or nil)
    metrics.disk(total, limits.budget, refusing)
    report(trouble)
end

function _M.init_worker()
    if not limits then
        return
    end
    local ok, err = ngx_timer_every(INTERVAL_SECONDS, tick)
    if not ok then
        ngx_log(ngx_ERR, "cannot schedule the NDJSON rotation and disk budget: ", err)
    end
end

-- Whether beacons are refused now: the collect handler's one look at the disk.
function _M.refusing()
    return dict:get("refused_at") ~= nil
end

return _M
