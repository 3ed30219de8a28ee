-- Every membership row of one organization (by short name), all membership types. $1 short name
SELECT m.org_id, o.name AS organization, m.iso3, c.name AS country, m.membership_type, m.since_year,
       c.un_region, m.source_url
FROM org_membership m JOIN organizations o USING (org_id) JOIN countries c USING (iso3)
WHERE o.name = $1
ORDER BY c.name
