-- wrk: each request signs off a different draft-less (task, period) pair as its lead unit's head.
-- bench/run.py writes targets.lua (paths = {...}) and passes the session and CSRF cookies in the environment.
dofile(os.getenv("BENCH_TARGETS"))
local cookie = os.getenv("BENCH_COOKIE")
local csrf = os.getenv("BENCH_CSRF")
local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end

function init(args)
  i = offset
end

function request()
  local path = paths[(i % #paths) + 1]
  i = i + 2
  local body = "action=submit&confirmed=yes&base_revision=0&narrative=bench&csrfmiddlewaretoken=" .. csrf
    .. "&idempotency_key=bench-" .. i .. "-" .. offset
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    ["X-CSRFToken"] = csrf,
    ["Referer"] = "http://127.0.0.1/",
  }, body)
end

dofile(os.getenv("BENCH_DIR") .. "/summary.lua")
