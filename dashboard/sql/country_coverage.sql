-- Per country: the Dialogue bodies (besides INTERPOL) that cover it as member or associate.
SELECT c.iso3, c.name AS country, c.un_region, c.un_subregion,
       count(o.org_id) AS bodies,
       coalesce(string_agg(o.name, ', ' ORDER BY o.name), '') AS body_names
FROM countries c
LEFT JOIN org_membership m ON m.iso3 = c.iso3 AND m.membership_type IN ('member', 'associate')
LEFT JOIN organizations o ON o.org_id = m.org_id AND o.membership_complete
GROUP BY ALL ORDER BY bodies DESC, country
