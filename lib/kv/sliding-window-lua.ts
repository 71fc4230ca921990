// The exact sliding window of sliding-window-log.ts, as Redis scripts over a sorted set of unit timestamps (Redis's
// own clock, so every app instance judges by the same time). @upstash/ratelimit's slidingWindow is an approximation
// that weighs the previous fixed window and floors the result: right after a window boundary it lets a sixth login
// failure through a five-per-minute rule. A throttle that guards passwords must not leak, so these scripts count
// every unit exactly, like the memory implementation.
//
// Each returns {allowed (1|0), remaining, resetAt (epoch ms)}.

const NOW_MS = `local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

const DESCRIBE = `local oldest = redis.call("ZRANGE", key, 0, 0, "WITHSCORES")
local resetAt = now
if oldest[2] then resetAt = tonumber(oldest[2]) + window end`;

/** KEYS[1] = log key; ARGV = limit, windowMs, unique member. */
export const CONSUME_SCRIPT = `local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
${NOW_MS}
redis.call("ZREMRANGEBYSCORE", key, "-inf", now - window)
local count = redis.call("ZCARD", key)
local allowed = 0
if count < limit then
  redis.call("ZADD", key, now, ARGV[3])
  redis.call("PEXPIRE", key, window)
  count = count + 1
  allowed = 1
end
${DESCRIBE}
return {allowed, math.max(0, limit - count), resetAt}`;

/** KEYS[1] = log key; ARGV = limit, windowMs. Counts nothing. */
export const PEEK_SCRIPT = `local key = KEYS[1]
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
${NOW_MS}
local count = redis.call("ZCOUNT", key, "(" .. (now - window), "+inf")
local oldest = redis.call("ZRANGEBYSCORE", key, "(" .. (now - window), "+inf", "WITHSCORES", "LIMIT", 0, 1)
local resetAt = now
if oldest[2] then resetAt = tonumber(oldest[2]) + window end
local allowed = 0
if count < limit then allowed = 1 end
return {allowed, math.max(0, limit - count), resetAt}`;
