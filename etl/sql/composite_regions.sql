-- A composite index score's region values compare like with like on components too: like_for_like_value and
-- like_for_like_prev are the means, over the countries in both years, of their like-for-like composite
-- (comp_lfl: the components both editions list); components_both is how many components that is.
UPDATE rv SET like_for_like_value = u.lfl_t, like_for_like_prev = u.lfl_p, countries_both = u.n,
              components_both = u.k, population_both_share = u.share
FROM (
    SELECT r.scheme, r.region, r.indicator_id, r.year,
           avg(c.lfl_t::DECIMAL(18, 6))::DOUBLE AS lfl_t, avg(c.lfl_p::DECIMAL(18, 6))::DOUBLE AS lfl_p,
           count(*)::INTEGER AS n, max(c.n_components)::INTEGER AS k,
           sum(p.pop::DECIMAL(38, 0))::DOUBLE / nullif(any_value(rp.pop_total), 0)::DOUBLE AS share
    FROM rv r
    JOIN wh.region_members m ON m.scheme = r.scheme AND m.region = r.region
    JOIN comp_lfl c ON c.indicator_id = r.indicator_id AND c.iso3 = m.iso3 AND c.year = r.year
        AND c.c_prev = r.prev_year
    LEFT JOIN rv_pop p ON p.iso3 = m.iso3 AND p.year = r.year
    LEFT JOIN rv_region_pop rp ON rp.scheme = r.scheme AND rp.region = r.region AND rp.year = r.year
    WHERE r.estimate_kind = 'reporting_countries' AND r.sex = 'Total' AND r.age = 'Total'
      AND r.indicator_id IN (SELECT DISTINCT indicator_id FROM comp_lfl)
    GROUP BY r.scheme, r.region, r.indicator_id, r.year
) u
WHERE rv.scheme = u.scheme AND rv.region = u.region AND rv.indicator_id = u.indicator_id AND rv.year = u.year
  AND rv.sex = 'Total' AND rv.age = 'Total' AND rv.estimate_kind = 'reporting_countries'
