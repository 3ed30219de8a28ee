-- Countries covered (as member or associate) by both organizations of each pair; the diagonal is each
-- organization's own coverage. INTERPOL is left out: its sourced member list is partial.
WITH cover AS (
    SELECT o.name AS org, m.iso3
    FROM org_membership m JOIN organizations o USING (org_id)
    WHERE m.membership_type IN ('member', 'associate') AND o.membership_complete
)
SELECT a.org AS org_a, b.org AS org_b, count(*) AS shared
FROM cover a JOIN cover b USING (iso3)
GROUP BY a.org, b.org ORDER BY a.org, b.org
