-- Project metadata: a key/value table so later versions can add facts
-- without a migration.
CREATE TABLE project_meta (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT
) STRICT;
