-- Sharing: who passes plate reads to whom, per named scenario.
-- See docs/visibility.md for what these rows mean for visibility.

-- Named groups such as a vendor's national network: sharing with a pool
-- makes reads visible to every member.
CREATE TABLE pools (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL,
  normalized_name  TEXT NOT NULL UNIQUE,
  -- The size a document claims ("over 500 agencies"); NULL when unknown.
  declared_size    INTEGER CHECK (declared_size IS NULL OR declared_size >= 0),
  -- 1 when pool_members is the whole membership; 0 when the pool has
  -- members nobody listed (counted as one synthetic recipient).
  members_listed   INTEGER NOT NULL DEFAULT 0 CHECK (members_listed IN (0, 1)),
  note             TEXT
) STRICT;

CREATE TABLE pool_members (
  pool_id    INTEGER NOT NULL REFERENCES pools (id) ON DELETE CASCADE,
  agency_id  INTEGER NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
  PRIMARY KEY (pool_id, agency_id)
) STRICT, WITHOUT ROWID;

-- A scenario is a base (its own edges) or derives from a parent: the
-- parent's resolved edges, plus its own edges, then its edits in order.
CREATE TABLE scenarios (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  parent_id    INTEGER REFERENCES scenarios (id) ON DELETE RESTRICT,
  description  TEXT
) STRICT;

CREATE TABLE sharing_edges (
  id                   INTEGER PRIMARY KEY,
  scenario_id          INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  owner_id             INTEGER NOT NULL REFERENCES agencies (id),
  -- Exactly one of the two recipients is set.
  recipient_agency_id  INTEGER REFERENCES agencies (id),
  recipient_pool_id    INTEGER REFERENCES pools (id),
  kind                 TEXT NOT NULL DEFAULT 'reads' CHECK (kind IN ('reads', 'hotlists')),
  -- Half-open window [valid_from, valid_to) in Unix seconds; NULL = unbounded.
  valid_from           INTEGER,
  valid_to             INTEGER,
  provenance           TEXT NOT NULL DEFAULT 'assumed'
                       CHECK (provenance IN ('document', 'audit-log', 'assumed')),
  -- The document's name when provenance = 'document'.
  document             TEXT,
  note                 TEXT,
  CHECK ((recipient_agency_id IS NULL) <> (recipient_pool_id IS NULL)),
  CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from < valid_to)
) STRICT;

CREATE INDEX sharing_edges_by_scenario ON sharing_edges (scenario_id);

-- The ordered edits of a derived scenario, kept (not folded into edges) so
-- the UI can undo one and explain how the scenario differs from its parent.
CREATE TABLE scenario_edits (
  id                   INTEGER PRIMARY KEY,
  scenario_id          INTEGER NOT NULL REFERENCES scenarios (id) ON DELETE CASCADE,
  position             INTEGER NOT NULL,
  op                   TEXT NOT NULL CHECK (op IN ('remove-edge', 'add-edge',
                                                   'stop-pool-sharing', 'set-retention')),
  -- remove-edge, add-edge, stop-pool-sharing: the owner;
  -- set-retention: the agency whose retention changes.
  agency_id            INTEGER NOT NULL REFERENCES agencies (id),
  recipient_agency_id  INTEGER REFERENCES agencies (id),
  -- stop-pool-sharing: NULL means every pool.
  recipient_pool_id    INTEGER REFERENCES pools (id),
  kind                 TEXT CHECK (kind IS NULL OR kind IN ('reads', 'hotlists')),
  -- add-edge: the window; stop-pool-sharing: valid_from is the stop date.
  valid_from           INTEGER,
  valid_to             INTEGER,
  provenance           TEXT CHECK (provenance IS NULL OR
                                   provenance IN ('document', 'audit-log', 'assumed')),
  document             TEXT,
  -- set-retention: the new retention in days; NULL = unknown.
  retention_days       INTEGER CHECK (retention_days IS NULL OR retention_days >= 0),
  note                 TEXT,
  UNIQUE (scenario_id, position)
) STRICT;
