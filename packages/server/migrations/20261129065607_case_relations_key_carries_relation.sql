-- case_relations' key carries the relation, so that the organization's relations are read from the
-- index alone. cases_select asks, for a case the caller's organization does not hold, whether the
-- organization has a relation to it that its role may read; PostgreSQL answers that by reading all
-- of the organization's rows of case_relations once and hashing them. With the key as it was, that
-- read visited the table for every row to learn its relation (FLD at 100,000 cases: 4,764 rows on
-- 700 pages). With the relation in the key it is an index-only scan: FLD's first page of 51 cases
-- 2.1–2.3 → 1.2 ms, a page filtered by status 2.7 → 1.5 ms, its filtered count 10.6 → 8.7 ms,
-- its count of all its cases unchanged (34 ms; measured under hrd_app with RLS, docs/BENCHMARKS.md
-- Round 12). An index of its own on (organization_id, relation, case_id) measured the same, and
-- would be one more index for every rebuild of a case's relations to write.
--
-- Looking each row's relation up instead of hashing (OFFSET 0 in the policy's EXISTS, as the
-- application's own filter does for pages) made FLD's first page faster still (0.45 ms) and its
-- count three times slower (34 → 115 ms): policies cannot tell a page from a count, so they hash.
ALTER TABLE case_relations DROP CONSTRAINT case_relations_pkey;
--> statement-breakpoint
ALTER TABLE case_relations ADD CONSTRAINT case_relations_pkey PRIMARY KEY (organization_id, case_id) INCLUDE (relation);
