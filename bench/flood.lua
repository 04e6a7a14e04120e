-- wrk script: one request per distinct comparison, cycling through the
-- pairs listed (one "a b lang" per line) in the file named by FLOOD_PAIRS.
local pairs_file = os.getenv("FLOOD_PAIRS")
local paths = {}
for line in io.lines(pairs_file) do
  local a, b, lang = line:match("(%S+) (%S+) (%S+)")
  paths[#paths + 1] = "/" .. lang .. "/smtp/" .. a .. "-vs-" .. b
end
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
