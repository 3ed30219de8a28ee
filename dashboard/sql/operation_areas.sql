-- Crime-area tags of the operations (crime_area split on ' / ', parenthesis dropped), most frequent first.
SELECT tag AS area, count(*) AS operations
FROM (SELECT unnest(list_transform(string_split(regexp_replace(coalesce(crime_area, ''), '\s*\(.*\)', ''), ' / '),
                                   lambda x: trim(x))) AS tag
      FROM operations)
WHERE tag <> ''
GROUP BY tag ORDER BY operations DESC, tag
