-- One count of referred persons for the cap: the referral's quota check now reads
-- hrd_quota_usage (UTC year of referral), as statistics.quota does. The older function took the
-- year in the session's time zone, so the two could disagree on a server outside UTC.
DROP FUNCTION hrd_referred_persons(integer);
