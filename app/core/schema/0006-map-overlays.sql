-- GeoJSON overlays the user loaded onto the map: kept in the project so a
-- shared project shows the same context. The GeoJSON is stored as loaded
-- (validated first) and parsed again when the project opens.
CREATE TABLE map_overlays (
  name      TEXT PRIMARY KEY NOT NULL,
  geojson   BLOB NOT NULL,
  color     TEXT NOT NULL DEFAULT '#7329ab' CHECK (color GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
  visible   INTEGER NOT NULL DEFAULT 1 CHECK (visible IN (0, 1)),
  position  INTEGER NOT NULL
) STRICT;
