-- wrk: the one JSON line bench/run.py reads from a run (requests, duration, p50/p99 latency, errors).
function done(summary, latency, requests)
  io.write(string.format("JSON {\"requests\": %d, \"duration_us\": %d, \"p50_ms\": %.2f, \"p99_ms\": %.2f, " ..
    "\"non2xx3xx\": %d, \"errors\": %d}\n", summary.requests, summary.duration, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status, summary.errors.connect + summary.errors.read +
    summary.errors.write + summary.errors.timeout))
end
