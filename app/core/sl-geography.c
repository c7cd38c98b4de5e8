/* sl-geography.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-geography"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "sl-geography.h"
#include "sl-geography-resources.h"
#include "sl-mercator.h"
#include "sl-number.h"

#define GEOGRAPHY_RESOURCE_DIR "/io/github/sightline/Sightline/geography"
#define TOWN_TABLE_NAME "ct-town-centroids.csv"

struct _SlGeography
{
  GArray *features;              /* SlGeoFeature */
  GArray *labels;                /* SlGeoLabel */
  char   *attribution;
};

G_DEFINE_BOXED_TYPE (SlGeography, sl_geography, sl_geography_ref, sl_geography_unref)
G_DEFINE_QUARK (sl-geography-error-quark, sl_geography_error)

static void
clear_feature (SlGeoFeature *feature)
{
  g_free (feature->name);
  g_free (feature->kind);
  g_free (feature->part_start);
  g_free (feature->xy);
}

static void
clear_label (SlGeoLabel *label)
{
  g_free (label->name);
}

static SlGeography *
sl_geography_new (void)
{
  SlGeography *self = g_atomic_rc_box_new0 (SlGeography);

  self->features = g_array_new (FALSE, TRUE, sizeof (SlGeoFeature));
  g_array_set_clear_func (self->features, (GDestroyNotify) clear_feature);
  self->labels = g_array_new (FALSE, TRUE, sizeof (SlGeoLabel));
  g_array_set_clear_func (self->labels, (GDestroyNotify) clear_label);
  return self;
}

SlGeography *
sl_geography_ref (SlGeography *self)
{
  return g_atomic_rc_box_acquire (self);
}

static void
sl_geography_clear (SlGeography *self)
{
  g_array_unref (self->features);
  g_array_unref (self->labels);
  g_free (self->attribution);
}

void
sl_geography_unref (SlGeography *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) sl_geography_clear);
}

/* A feature under construction: the points and part starts grow as the
 * coordinates are walked. */
typedef struct
{
  const char *source;
  guint       feature;
  GArray     *xy;
  GArray     *part_start;
} Builder;

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError     **error,
         Builder     *builder,
         const char  *format,
         ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  /* Translators: the first %s is a file name, %u counts features from 1,
   * the last %s says what is wrong with it. */
  g_set_error (error, SL_GEOGRAPHY_ERROR, SL_GEOGRAPHY_ERROR_INVALID,
               _("%s: feature %u: %s"), builder->source, builder->feature, reason);
  return FALSE;
}

static gboolean
is_number (JsonNode *node)
{
  GType type = json_node_get_value_type (node);

  return JSON_NODE_HOLDS_VALUE (node) && (type == G_TYPE_DOUBLE || type == G_TYPE_INT64);
}

static gboolean
add_position (Builder     *builder,
              JsonNode    *node,
              const char  *path,
              GError     **error)
{
  JsonArray *array;
  double longitude, latitude, x, y;

  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) < 2 ||
      !is_number (json_array_get_element (array, 0)) ||
      !is_number (json_array_get_element (array, 1)))
    return invalid (error, builder, _("%s is not a [longitude, latitude] position"), path);

  longitude = json_array_get_double_element (array, 0);
  latitude = json_array_get_double_element (array, 1);
  if (longitude < -180.0 || longitude > 180.0)
    return invalid (error, builder, _("%s: longitude %g is outside −180…180"), path, longitude);
  if (latitude < -90.0 || latitude > 90.0)
    return invalid (error, builder, _("%s: latitude %g is outside −90…90"), path, latitude);

  sl_mercator_from_lat_lon (latitude, longitude, &x, &y);
  g_array_append_val (builder->xy, x);
  g_array_append_val (builder->xy, y);
  return TRUE;
}

/* Walks nested coordinate arrays: depth 0 is one position, depth 1 a list of
 * positions that forms one part, deeper levels lists of those. Points at
 * depth 1 (MultiPoint) become a part each. */
static gboolean
add_coordinates (Builder     *builder,
                 JsonNode    *node,
                 guint        depth,
                 gboolean     points,
                 guint        min_positions,
                 const char  *path,
                 GError     **error)
{
  JsonArray *array;
  guint n;

  if (depth == 0)
    {
      guint start = builder->xy->len / 2;

      g_array_append_val (builder->part_start, start);
      return add_position (builder, node, path, error);
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, builder, _("%s is not an array"), path);

  array = json_node_get_array (node);
  n = json_array_get_length (array);

  if (depth == 1 && !points)
    {
      guint start = builder->xy->len / 2;

      if (n < min_positions)
        return invalid (error, builder, _("%s has %u positions, at least %u are needed"),
                        path, n, min_positions);
      g_array_append_val (builder->part_start, start);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);

          if (!add_position (builder, json_array_get_element (array, i), child, error))
            return FALSE;
        }
      return TRUE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);

      if (!add_coordinates (builder, json_array_get_element (array, i), depth - 1,
                            points, min_positions, child, error))
        return FALSE;
    }
  return TRUE;
}

static const char *
dup_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node);
  return NULL;
}

static gboolean
add_feature (SlGeography  *self,
             Builder      *builder,
             JsonNode     *node,
             GError      **error)
{
  static const struct {
    const char *type;
    SlGeoShape  shape;
    guint       depth;
    guint       min_positions;
  } types[] = {
    { "Point",           SL_GEO_SHAPE_POINT,   0, 1 },
    { "MultiPoint",      SL_GEO_SHAPE_POINT,   1, 1 },
    { "LineString",      SL_GEO_SHAPE_LINE,    1, 2 },
    { "MultiLineString", SL_GEO_SHAPE_LINE,    2, 2 },
    { "Polygon",         SL_GEO_SHAPE_POLYGON, 2, 4 },
    { "MultiPolygon",    SL_GEO_SHAPE_POLYGON, 3, 4 },
  };
  JsonObject *object, *geometry, *properties = NULL;
  JsonNode *coordinates;
  SlGeoFeature feature = { 0 };
  const char *type;
  guint t, end;

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      g_strcmp0 (dup_string_member (object = json_node_get_object (node), "type"), "Feature") != 0)
    return invalid (error, builder, _("not an object with \"type\": \"Feature\""));

  if (json_object_has_member (object, "properties") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "properties")))
    properties = json_object_get_object_member (object, "properties");

  if (!json_object_has_member (object, "geometry") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "geometry")))
    return invalid (error, builder, _("geometry is missing or not an object"));
  geometry = json_object_get_object_member (object, "geometry");

  type = dup_string_member (geometry, "type");
  for (t = 0; t < G_N_ELEMENTS (types); t++)
    if (g_strcmp0 (type, types[t].type) == 0)
      break;
  if (t == G_N_ELEMENTS (types))
    return invalid (error, builder, _("geometry.type “%s” is not one of Point, MultiPoint, "
                                      "LineString, MultiLineString, Polygon, MultiPolygon"),
                    type ? type : "");

  coordinates = json_object_get_member (geometry, "coordinates");
  if (coordinates == NULL)
    return invalid (error, builder, _("geometry.coordinates is missing"));

  g_array_set_size (builder->xy, 0);
  g_array_set_size (builder->part_start, 0);
  if (!add_coordinates (builder, coordinates, types[t].depth,
                        types[t].shape == SL_GEO_SHAPE_POINT, types[t].min_positions,
                        "geometry.coordinates", error))
    return FALSE;

  feature.shape = types[t].shape;
  feature.name = g_strdup (dup_string_member (properties, "name"));
  feature.kind = g_strdup (dup_string_member (properties, "kind"));
  feature.n_parts = builder->part_start->len;
  end = builder->xy->len / 2;
  g_array_append_val (builder->part_start, end);
  feature.part_start = g_memdup2 (builder->part_start->data, builder->part_start->len * sizeof (guint));
  feature.xy = g_memdup2 (builder->xy->data, MAX (builder->xy->len, 1) * sizeof (double));

  feature.bounds.x0 = feature.bounds.y0 = G_MAXDOUBLE;
  feature.bounds.x1 = feature.bounds.y1 = -G_MAXDOUBLE;
  for (guint i = 0; i < builder->xy->len; i += 2)
    {
      feature.bounds.x0 = MIN (feature.bounds.x0, feature.xy[i]);
      feature.bounds.x1 = MAX (feature.bounds.x1, feature.xy[i]);
      feature.bounds.y0 = MIN (feature.bounds.y0, feature.xy[i + 1]);
      feature.bounds.y1 = MAX (feature.bounds.y1, feature.xy[i + 1]);
    }

  g_array_append_val (self->features, feature);
  return TRUE;
}

/**
 * sl_geography_new_from_geojson:
 * @source_name: names the input in error messages, e.g. the file name
 *
 * Parses a GeoJSON FeatureCollection or single Feature (RFC 7946). Every
 * geometry must be valid; the first problem is reported with the feature
 * number and the path of the offending member.
 */
SlGeography *
sl_geography_new_from_geojson (GBytes      *bytes,
                               const char  *source_name,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(SlGeography) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) xy = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) part_start = g_array_new (FALSE, FALSE, sizeof (guint));
  Builder builder = { source_name, 0, xy, part_start };
  SlJsonNumberProblem problem;
  JsonNode *root;
  JsonObject *object = NULL;
  const char *type;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  /* An empty file's GBytes has no data pointer, and json-glib refuses NULL
   * with a critical and no error to report. */
  if (data == NULL)
    data = "";

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      /* json-glib names the line and column after a "<data>:" prefix: put
       * the source name there, like a compiler's file:line:column. */
      const char *where = local_error->message;
      g_autofree char *valid = NULL;

      if (g_str_has_prefix (where, "<data>:"))
        where += strlen ("<data>:");
      /* json-glib quotes the offending bytes, which need not be UTF-8. */
      valid = g_utf8_make_valid (where, -1);
      g_set_error (error, SL_GEOGRAPHY_ERROR, SL_GEOGRAPHY_ERROR_INVALID,
                   _("%s:%s (not valid JSON)"), source_name, valid);
      return NULL;
    }
  if (!sl_number_check_json (data, size, &problem))
    {
      /* Translators: FILE:LINE: member “NAME”: “TEXT” is not a decimal number */
      g_set_error (error, SL_GEOGRAPHY_ERROR, SL_GEOGRAPHY_ERROR_INVALID,
                   _("%s:%u: member “%s”: “%s” is not a decimal number"), source_name, problem.line,
                   problem.member != NULL ? problem.member : "", problem.token);
      sl_json_number_problem_clear (&problem);
      return NULL;
    }

  root = json_parser_get_root (parser);
  type = root && JSON_NODE_HOLDS_OBJECT (root)
           ? dup_string_member (object = json_node_get_object (root), "type") : NULL;
  self = sl_geography_new ();

  if (g_strcmp0 (type, "FeatureCollection") == 0)
    {
      JsonNode *features = json_object_get_member (object, "features");
      JsonArray *array;

      if (features == NULL || !JSON_NODE_HOLDS_ARRAY (features))
        {
          g_set_error (error, SL_GEOGRAPHY_ERROR, SL_GEOGRAPHY_ERROR_INVALID,
                       _("%s: the FeatureCollection has no “features” array"), source_name);
          return NULL;
        }
      array = json_node_get_array (features);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          builder.feature = i + 1;
          if (!add_feature (self, &builder, json_array_get_element (array, i), error))
            return NULL;
        }
      self->attribution = g_strdup (dup_string_member (object, "attribution"));
    }
  else if (g_strcmp0 (type, "Feature") == 0)
    {
      builder.feature = 1;
      if (!add_feature (self, &builder, root, error))
        return NULL;
    }
  else
    {
      g_set_error (error, SL_GEOGRAPHY_ERROR, SL_GEOGRAPHY_ERROR_INVALID,
                   _("%s: expected a GeoJSON object with \"type\": \"FeatureCollection\" or \"Feature\""),
                   source_name);
      return NULL;
    }

  return g_steal_pointer (&self);
}

static void
ensure_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      sl_geography_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

/**
 * sl_geography_dup_town_table:
 *
 * The bundled table of Connecticut's 169 towns as CSV (header
 * `town,county_fips,geoid,latitude,longitude,land_area_m2`; US Census Bureau,
 * cartographic boundary files 2017): town labels on the map, and the places
 * of the synthetic demo.
 *
 * Returns: (transfer full): the CSV text
 */
GBytes *
sl_geography_dup_town_table (void)
{
  ensure_resources ();
  return g_resources_lookup_data (GEOGRAPHY_RESOURCE_DIR "/" TOWN_TABLE_NAME, 0, NULL);
}

/* The bundled town table: name, county FIPS, GEOID, latitude, longitude,
 * land area. Bundled data, so a malformed line is a build bug. */
static void
load_towns (SlGeography *self,
            GBytes      *bytes)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);
      SlGeoLabel label;

      if (g_strv_length (fields) != 6)
        continue;
      label.name = g_strdup (fields[0]);
      sl_mercator_from_lat_lon (g_ascii_strtod (fields[3], NULL), g_ascii_strtod (fields[4], NULL),
                                &label.x, &label.y);
      label.area = g_ascii_strtod (fields[5], NULL);
      g_array_append_val (self->labels, label);
    }
}

static int
compare_labels_by_area (gconstpointer a,
                        gconstpointer b)
{
  const SlGeoLabel *la = a, *lb = b;

  return (la->area < lb->area) - (la->area > lb->area);
}

/**
 * sl_geography_dup_connecticut:
 *
 * Returns: (transfer full): the bundled basemap geography: Connecticut, its
 * counties and planning regions, neighbouring states, and the 169 towns as
 * labels, largest first.
 */
SlGeography *
sl_geography_dup_connecticut (void)
{
  static SlGeography *connecticut;

  if (g_once_init_enter (&connecticut))
    {
      g_autoptr(GBytes) geojson = NULL;
      g_autoptr(GBytes) towns = NULL;
      g_autoptr(GError) error = NULL;
      SlGeography *geography;

      ensure_resources ();
      geojson = g_resources_lookup_data (GEOGRAPHY_RESOURCE_DIR "/connecticut.geojson", 0, NULL);
      towns = sl_geography_dup_town_table ();
      geography = sl_geography_new_from_geojson (geojson, "connecticut.geojson", &error);
      g_assert_no_error (error);
      load_towns (geography, towns);
      g_array_sort (geography->labels, compare_labels_by_area);
      g_once_init_leave (&connecticut, geography);
    }

  return sl_geography_ref (connecticut);
}

guint
sl_geography_get_n_features (SlGeography *self)
{
  return self->features->len;
}

const SlGeoFeature *
sl_geography_get_feature (SlGeography *self,
                          guint        index)
{
  g_return_val_if_fail (index < self->features->len, NULL);

  return &g_array_index (self->features, SlGeoFeature, index);
}

guint
sl_geography_get_n_labels (SlGeography *self)
{
  return self->labels->len;
}

const SlGeoLabel *
sl_geography_get_label (SlGeography *self,
                        guint        index)
{
  g_return_val_if_fail (index < self->labels->len, NULL);

  return &g_array_index (self->labels, SlGeoLabel, index);
}

const char *
sl_geography_get_attribution (SlGeography *self)
{
  return self->attribution;
}
