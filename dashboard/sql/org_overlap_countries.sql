-- The names of the countries covered (as member or associate) by both organizations of each pair, for the
-- overlap matrix's hover. Same rule as org_overlap: INTERPOL (partial member list) is left out.
WITH cover AS (
    SELECT o.name AS org, m.iso3, c.name AS country
    FROM org_membership m JOIN organizations o USING (org_id) JOIN countries c USING (iso3)
    WHERE m.membership_type IN ('member', 'associate') AND o.membership_complete
)
SELECT a.org AS org_a, b.org AS org_b, count(*) AS shared,
       list(a.country ORDER BY a.country) AS countries
FROM cover a JOIN cover b USING (iso3)
GROUP BY a.org, b.org ORDER BY a.org, b.org
