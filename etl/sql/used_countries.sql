-- Every ISO3 code used anywhere in the warehouse (the countries table holds these).
SELECT iso3 FROM wh.indicator_values UNION SELECT iso3 FROM wh.org_membership
UNION SELECT iso3 FROM wh.operation_countries UNION SELECT hq_country_iso3 FROM wh.organizations
UNION SELECT iso3 FROM wh.dialogue_meetings UNION SELECT iso3 FROM wh.drug_seizures
