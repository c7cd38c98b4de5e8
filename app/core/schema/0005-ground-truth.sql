-- Ground truth of a synthetic demo project (sightline-cli generate-demo):
-- what the generator knows about each vehicle, so that inference of homes,
-- workplaces, routines and companions can be scored against it. Projects of
-- real data leave these tables empty. Plates are matched by their text.
-- Coordinates are WGS84 degrees with six decimals (the generator's
-- micro-degrees).
CREATE TABLE demo_vehicles (
  plate          TEXT PRIMARY KEY NOT NULL,
  -- Key of a documented story (docs/demo-data.md), NULL for the others.
  story          TEXT,
  description    TEXT,
  shift          TEXT NOT NULL
                 CHECK (shift IN ('day', 'night', 'weekend', 'none', 'visitor')),
  -- A Connecticut town; for visitors, where they come from ("New York (I-95)").
  home_town      TEXT NOT NULL,
  home_latitude  REAL NOT NULL,
  home_longitude REAL NOT NULL,
  -- Where the car spends the working day (for rail commuters: the station
  -- lot); all three NULL when it has no workplace.
  work_town      TEXT,
  work_latitude  REAL,
  work_longitude REAL,
  CHECK ((work_town IS NULL) = (work_latitude IS NULL) AND
         (work_latitude IS NULL) = (work_longitude IS NULL))
) STRICT;

-- Vehicles that travel together; each pair once, plate < companion_plate.
CREATE TABLE demo_companions (
  plate           TEXT NOT NULL,
  companion_plate TEXT NOT NULL,
  PRIMARY KEY (plate, companion_plate),
  CHECK (plate < companion_plate)
) STRICT;

-- Places a story vehicle visits on a schedule (e.g. weekly).
CREATE TABLE demo_places (
  id        INTEGER PRIMARY KEY,
  plate     TEXT NOT NULL,
  label     TEXT NOT NULL,
  latitude  REAL NOT NULL,
  longitude REAL NOT NULL,
  schedule  TEXT NOT NULL
) STRICT;
