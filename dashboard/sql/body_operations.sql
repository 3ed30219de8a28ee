-- Operations that list at least one member or associate country of one Dialogue body (region_members, scheme
-- 'organization'), newest first, with how many of the body's countries took part. $1 body (short name)
WITH members AS (
    SELECT iso3 FROM region_members WHERE scheme = 'organization' AND region = $1
)
SELECT o.operation_id, o.name, o.start_date, o.end_date, o.date_precision, o.year, o.crime_area, o.goal_id,
       o.lead, o.regions, o.source_url,
       count(*) FILTER (WHERE oc.iso3 IN (SELECT iso3 FROM members)) AS members_taking_part,
       count(*) AS countries_listed
FROM operations o JOIN operation_countries oc USING (operation_id)
GROUP BY ALL
HAVING members_taking_part > 0
ORDER BY o.start_date DESC, o.name
