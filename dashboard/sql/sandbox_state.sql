-- The limits of sandbox.sql as the database instance has them now (a second connection to the same file in one
-- process shares the instance and finds them set and locked already).
SELECT current_setting('autoinstall_known_extensions') AS autoinstall,
       current_setting('autoload_known_extensions') AS autoload,
       current_setting('enable_external_access') AS external_access,
       current_setting('lock_configuration') AS locked
