-- Posts one Alertmanager payload (version 4) per request, with the bearer token from the TOKEN environment variable,
-- and prints the latency percentiles wrk's own --latency output leaves out (p95).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
wrk.body = [[{"version":"4","groupKey":"{}:{alertname=\"CheckoutErrors\"}","status":"firing","receiver":"502-desk",
"groupLabels":{"alertname":"CheckoutErrors"},"commonLabels":{"alertname":"CheckoutErrors"},"commonAnnotations":{},
"externalURL":"http://alertmanager.example:9093","alerts":[{"status":"firing",
"labels":{"alertname":"CheckoutErrors","service":"checkout","severity":"critical","instance":"10.0.3.4:8080"},
"annotations":{"summary":"502s on checkout above 5%","description":"connect() failed (111: Connection refused) while connecting to upstream, upstream: \"http://10.0.3.4:8080/cart\""},
"startsAt":"2026-12-02T05:00:00.123456789Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus.example:9090/graph","fingerprint":"3f1c2a9b8d7e6f50"}]}]]

done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d requests, %d non-2xx\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests, summary.errors.status))
end
