-- The Dialogue bodies a country belongs to, with its membership type and since when. $1 ISO3 code
SELECT o.name AS organization, o.full_name, o.role, m.membership_type, m.since_year, o.membership_complete,
       m.source_url
FROM org_membership m JOIN organizations o USING (org_id)
WHERE m.iso3 = $1
ORDER BY m.membership_type <> 'member', o.name
