-- wrk script for scripts/load-test.sh: POSTs the picture in $POSENET_PICTURE (default
-- test_couple.jpg) to /v1/poses and counts the answers by status code.
local path = os.getenv("POSENET_PICTURE") or "../shared/data/images/test_couple.jpg"
local file = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "image/jpeg"

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, n in pairs(counts) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("status %d: %d\n", status, n))
  end
  io.write(string.format("latency p50 %.1f ms, p99 %.1f ms\n", latency:percentile(50) / 1000,
                         latency:percentile(99) / 1000))
end
