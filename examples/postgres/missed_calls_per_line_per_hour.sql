-- Missed calls per line and hour, from the call_sessions table (call_sessions.sql).
--
-- Counted: inbound calls only, by the hour they started in (UTC; put your zone, e.g.
-- 'Europe/Berlin', in place of 'UTC' for local hours). Outbound calls are the line's own
-- attempts: their unanswered outcomes, CANCELLED and BUSY, are not calls the line missed.
--   calls             every inbound call
--   missed            outcome MISSED: it rang and nobody answered, nor declined, nor sent it on.
--                     REJECTED (declined at the phone) and FORWARDED (sent on unanswered) are
--                     decisions, not missed calls; UNKNOWN (closed by a time-out) is not counted
--                     as missed either. All of them still count in calls.
--   answered          picked up at the phone (answered_at set), TRANSFERRED after an answer included
--   avg_ring_seconds  average time from ringing to the answer of the answered calls; null if none
-- A line of null is the calls whose phone did not name the account.

SELECT line,
       date_trunc('hour', started_at, 'UTC')                 AS hour,
       count(*)                                              AS calls,
       count(*) FILTER (WHERE outcome = 'MISSED')            AS missed,
       count(*) FILTER (WHERE answered_at IS NOT NULL)       AS answered,
       round(avg(ring_millis) / 1000.0, 1)                   AS avg_ring_seconds
FROM call_sessions
WHERE direction = 'INBOUND'
GROUP BY line, date_trunc('hour', started_at, 'UTC')
ORDER BY line, hour;
