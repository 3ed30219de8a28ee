-- Goal and organization texts in one language (or every language with 'all'), official wording first marked.
SELECT kind, id, field, lang, text, official, source_url
FROM translations
WHERE ? = 'all' OR lang = ?
ORDER BY kind, id, field, lang
