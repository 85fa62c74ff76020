-- The same percentiles for GET /healthz, the baseline the webhook is measured beside.
done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d requests, %d non-2xx\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status))
end
