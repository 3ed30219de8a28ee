SELECT DISTINCT region FROM region_members WHERE scheme = ? ORDER BY region
