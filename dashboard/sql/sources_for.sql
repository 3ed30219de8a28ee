SELECT source_id, title, publisher, url, license, retrieved, synthetic FROM sources
WHERE list_contains(?, source_id) ORDER BY source_id
