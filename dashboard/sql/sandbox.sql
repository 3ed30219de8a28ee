-- Run once on each new read-only connection (dashboard/db.py): it reaches nothing but the warehouse. DuckDB would
-- otherwise download and load a known extension (httpfs, ...) the first time a query needs one, and read any file
-- or URL a query names. Set after opening rather than as connect options, so that a second connection to the same
-- file in one process (a test, a notebook) shares the database instance instead of failing on different options;
-- the settings then hold for it too, and are locked.
SET autoinstall_known_extensions = false;
SET autoload_known_extensions = false;
SET enable_external_access = false;
SET lock_configuration = true;
