-- Plate reads and where they came from. Every column is documented in
-- docs/project-format.md.

-- One imported file: its provenance and what became of its rows.
CREATE TABLE datasets (
  id              INTEGER PRIMARY KEY,
  -- The file's base name, and the path it was imported from.
  file_name       TEXT NOT NULL,
  file_path       TEXT NOT NULL,
  -- Lower-case hex SHA-256 of the file's bytes, and its size in bytes.
  sha256          TEXT NOT NULL CHECK (length (sha256) = 64),
  size_bytes      INTEGER NOT NULL CHECK (size_bytes >= 0),
  -- When it was imported, UTC seconds since 1970.
  imported_at     INTEGER NOT NULL,
  -- JSON: {"roles": {role: header name}, "plate_is_hash": bool,
  -- "time_format": "ymd"|"mdy"|"dmy"|"epoch-seconds"|"epoch-milliseconds"}
  column_mapping  TEXT NOT NULL,
  -- The field separator: "," ";" "|" or a tab.
  delimiter       TEXT NOT NULL,
  -- IANA zone naive times were read in (e.g. "America/New_York").
  time_zone       TEXT NOT NULL,
  -- The agency named for the whole file; NULL when it had an agency column.
  owner_agency_id INTEGER REFERENCES agencies (id),
  -- 1 when plates were replaced by HMAC-SHA256 pseudonyms on import.
  pseudonymized   INTEGER NOT NULL DEFAULT 0 CHECK (pseudonymized IN (0, 1)),
  -- Data records in the file, how many became reads, were skipped (see
  -- import_problems) or dropped as exact duplicates of a stored read.
  rows_read       INTEGER NOT NULL DEFAULT 0,
  rows_imported   INTEGER NOT NULL DEFAULT 0,
  rows_skipped    INTEGER NOT NULL DEFAULT 0,
  rows_duplicate  INTEGER NOT NULL DEFAULT 0,
  -- Earliest and latest read time of the rows imported (UTC seconds);
  -- NULL when none were.
  first_read      INTEGER,
  last_read       INTEGER
) STRICT;

CREATE INDEX datasets_by_sha256 ON datasets (sha256);

-- Camera sites, named per agency.
CREATE TABLE cameras (
  id        INTEGER PRIMARY KEY,
  agency_id INTEGER NOT NULL REFERENCES agencies (id),
  name      TEXT NOT NULL,
  -- Where the camera's first imported read was taken (WGS84 degrees).
  latitude  REAL,
  longitude REAL,
  UNIQUE (agency_id, name)
) STRICT;

-- Every distinct plate once: upper case without spaces or dashes, or an
-- opaque hash (a hash in the source, or Sightline's pseudonym).
CREATE TABLE plates (
  id      INTEGER PRIMARY KEY,
  plate   TEXT NOT NULL,
  is_hash INTEGER NOT NULL DEFAULT 0 CHECK (is_hash IN (0, 1))
) STRICT;

-- A named index rather than a UNIQUE constraint: the importer drops it
-- while it interns plates in memory and builds it again from sorted data.
CREATE UNIQUE INDEX plates_by_plate ON plates (plate);

CREATE TABLE reads (
  id          INTEGER PRIMARY KEY,
  plate_id    INTEGER NOT NULL REFERENCES plates (id),
  -- UTC seconds since 1970.
  time        INTEGER NOT NULL,
  latitude    REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude   REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  -- Grid cell of 0.01° × 0.01°:
  -- CAST((latitude + 90) * 100 AS INTEGER) * 36000 + CAST((longitude + 180) * 100 AS INTEGER)
  cell        INTEGER NOT NULL,
  -- The agency that owns the read (the camera's operator).
  agency_id   INTEGER NOT NULL REFERENCES agencies (id),
  camera_id   INTEGER REFERENCES cameras (id),
  dataset_id  INTEGER NOT NULL REFERENCES datasets (id),
  -- Optional, as the source gives them.
  plate_state TEXT,
  make        TEXT,
  colour      TEXT,
  confidence  REAL
) STRICT;

-- One vehicle's reads in time order; also where the importer looks for
-- exact duplicates (equal plate and time first, then place and agency).
CREATE INDEX reads_by_plate_time ON reads (plate_id, time);
-- One agency's reads in a time window (what a recipient can query).
CREATE INDEX reads_by_agency_time ON reads (agency_id, time);
-- Reads in an area: a range of cells per 0.01° row of latitude. Chosen over
-- an R*Tree by measurement (docs/project-format.md).
CREATE INDEX reads_by_cell_time ON reads (cell, time);

-- Rows of an import that were skipped, and why.
CREATE TABLE import_problems (
  id         INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets (id),
  -- Physical line of the file (from 1) where the record starts.
  line       INTEGER NOT NULL,
  -- The header name (or "column N") of the offending field; NULL when the
  -- whole record is at fault.
  field      TEXT,
  -- A stable code: see docs/project-format.md.
  reason     TEXT NOT NULL,
  -- A sentence for people.
  message    TEXT NOT NULL,
  -- The offending value, at most 200 bytes (valid UTF-8).
  raw_value  TEXT
) STRICT;

CREATE INDEX import_problems_by_dataset ON import_problems (dataset_id, line);
