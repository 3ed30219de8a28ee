SELECT * FROM sources ORDER BY format <> 'reference', source_id
