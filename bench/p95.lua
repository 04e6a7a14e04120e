-- wrk script: a reader at a gentle pace (one request per connection every
-- 5 ms), and the 95th percentile latency, which --latency leaves out.
delay = function()
  return 5
end
done = function(summary, latency, requests)
  io.write(string.format("p95_us %d\n", latency:percentile(95)))
end
