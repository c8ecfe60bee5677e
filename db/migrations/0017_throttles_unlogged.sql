-- The per-address attempt counters (issue 12, decision 105): an unlogged table writes no WAL, so
-- counting an attempt costs no durable commit on the patient check's hot path. What is given up is
-- only the counters themselves after a database crash or a fail-over to a replica (they start
-- again from zero); every guarded limit on a person's notice lives in `notices`, which is logged.
ALTER TABLE "throttles" SET UNLOGGED;
