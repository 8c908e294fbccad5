-- wrk script: realistic Yealink Action URL GETs, many phones (5,000 MACs), the events of a call.
-- Values are percent-encoded so the bare Vert.x baseline (strict about raw spaces) accepts them too.
local events = {"off_hook", "outgoing_call", "established", "terminated", "on_hook", "incoming_call", "registered"}
local counter = 0

request = function()
  counter = counter + 1
  local mac = string.format("805ec0%06x", counter % 5000)
  local event = events[(counter % #events) + 1]
  local path = "/yealink/" .. event .. "?mac=" .. mac .. "&ip=10.1.2.3&model=SIP-T46S&firmware=66.86.0.15"
      .. "&local=sip:1001@pbx.example&remote=sip:2002@pbx.example&display_remote=Alice%20Example&call_id=" .. counter
  return wrk.format("GET", path, {["User-Agent"] = "Yealink SIP-T46S 66.86.0.15 80:5e:c0:a1:b2:c3"})
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.2f rate=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
      summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, errors, summary.errors.status))
end
