-- Which countries make up each region of each scheme.
WITH world AS (
    SELECT 'world' AS scheme, 'World' AS region, iso3 FROM wh.countries
), un_region AS (
    SELECT 'un_region' AS scheme, un_region AS region, iso3 FROM wh.countries
), un_subregion AS (
    SELECT 'un_subregion' AS scheme, un_subregion AS region, iso3 FROM wh.countries
), organization AS (
    SELECT 'organization' AS scheme, o.name AS region, m.iso3
    FROM wh.org_membership m JOIN wh.organizations o USING (org_id)
    WHERE m.membership_type IN ('member', 'associate') AND o.membership_complete
), final AS (
    SELECT * FROM world UNION ALL SELECT * FROM un_region
    UNION ALL SELECT * FROM un_subregion UNION ALL SELECT * FROM organization
)
SELECT * FROM final ORDER BY scheme, region, iso3
