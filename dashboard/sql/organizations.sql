SELECT o.*, (SELECT count(*) FROM org_membership m WHERE m.org_id = o.org_id
             AND m.membership_type IN ('member', 'associate')) AS countries_covered
FROM organizations o ORDER BY o.role, o.name
