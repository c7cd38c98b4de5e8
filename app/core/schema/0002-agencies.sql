-- Agencies: the owners of plate reads and the parties of sharing.
-- Both the read importer and the sharing importer resolve names here, so one
-- agency spelt three ways in three documents is one row.
CREATE TABLE agencies (
  id              INTEGER PRIMARY KEY,
  -- The name as first seen (or as the user set it); shown in the UI.
  name            TEXT NOT NULL,
  -- sl_agency_normalize_name (name): the key every spelling is matched on.
  normalized_name TEXT NOT NULL UNIQUE,
  type            TEXT NOT NULL DEFAULT 'other'
                  CHECK (type IN ('municipal-police', 'sheriff', 'state-police',
                                  'university-police', 'federal', 'fusion-center',
                                  'prosecutor', 'private', 'other')),
  -- Two-letter US postal code; NULL when unknown.
  state           TEXT CHECK (state IS NULL OR length (state) = 2),
  -- How long the agency keeps its own reads, in days; NULL when unknown.
  retention_days  INTEGER CHECK (retention_days IS NULL OR retention_days >= 0),
  -- 1 when the agency passes on what it receives (e.g. a fusion centre).
  reshares        INTEGER NOT NULL DEFAULT 0 CHECK (reshares IN (0, 1)),
  -- Optional location (WGS84 degrees), e.g. the headquarters' town.
  latitude        REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
  longitude       REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
  note            TEXT
) STRICT;

-- Other spellings of an agency's name, from documents or from merges.
CREATE TABLE agency_aliases (
  normalized_alias TEXT PRIMARY KEY NOT NULL,
  alias            TEXT NOT NULL,
  agency_id        INTEGER NOT NULL REFERENCES agencies (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX agency_aliases_by_agency ON agency_aliases (agency_id);
