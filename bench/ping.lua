-- wrk: the signed-in ping, with the same cookies as the submissions.
local cookie = os.getenv("BENCH_COOKIE")

function request()
  return wrk.format("GET", nil, {["Cookie"] = cookie})
end

dofile(os.getenv("BENCH_DIR") .. "/summary.lua")
