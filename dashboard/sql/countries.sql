SELECT iso3, name, un_region, un_subregion FROM countries ORDER BY name
