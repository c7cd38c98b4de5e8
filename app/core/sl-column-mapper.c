/* sl-column-mapper.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-column-mapper"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sl-column-mapper.h"

struct _SlColumnMapping
{
  GObject        parent_instance;

  guint          n_columns;
  char         **names;
  SlColumnRole  *roles;
  /* How well each column's header matched its role: a lower rank wins
   * when two headers claim one role ("longitude" beats "x"). */
  guint         *ranks;
  SlTimeFormat   time_format;
  guint          plate_is_hash : 1;
  guint          plate_is_hash_set : 1;
  /* The plate column's header says it holds hashes ("plate_hash"). */
  guint          plate_hash_by_name : 1;
  guint          time_format_set : 1;
};

G_DEFINE_FINAL_TYPE (SlColumnMapping, sl_column_mapping, G_TYPE_OBJECT)

G_DEFINE_QUARK (sl-column-mapping-error-quark, sl_column_mapping_error)

static const char * const role_names[] = {
  [SL_COLUMN_ROLE_IGNORE]      = "ignore",
  [SL_COLUMN_ROLE_PLATE]       = "plate",
  [SL_COLUMN_ROLE_TIMESTAMP]   = "timestamp",
  [SL_COLUMN_ROLE_DATE]        = "date",
  [SL_COLUMN_ROLE_TIME]        = "time",
  [SL_COLUMN_ROLE_LATITUDE]    = "latitude",
  [SL_COLUMN_ROLE_LONGITUDE]   = "longitude",
  [SL_COLUMN_ROLE_CAMERA]      = "camera",
  [SL_COLUMN_ROLE_AGENCY]      = "agency",
  [SL_COLUMN_ROLE_PLATE_STATE] = "plate_state",
  [SL_COLUMN_ROLE_MAKE]        = "make",
  [SL_COLUMN_ROLE_COLOUR]      = "colour",
  [SL_COLUMN_ROLE_CONFIDENCE]  = "confidence",
};

static const char * const role_labels[] = {
  [SL_COLUMN_ROLE_IGNORE]      = N_("Ignore"),
  [SL_COLUMN_ROLE_PLATE]       = N_("Plate"),
  [SL_COLUMN_ROLE_TIMESTAMP]   = N_("Date and time"),
  [SL_COLUMN_ROLE_DATE]        = N_("Date"),
  [SL_COLUMN_ROLE_TIME]        = N_("Time"),
  [SL_COLUMN_ROLE_LATITUDE]    = N_("Latitude"),
  [SL_COLUMN_ROLE_LONGITUDE]   = N_("Longitude"),
  [SL_COLUMN_ROLE_CAMERA]      = N_("Camera"),
  [SL_COLUMN_ROLE_AGENCY]      = N_("Owner agency"),
  [SL_COLUMN_ROLE_PLATE_STATE] = N_("Plate state"),
  [SL_COLUMN_ROLE_MAKE]        = N_("Make"),
  [SL_COLUMN_ROLE_COLOUR]      = N_("Colour"),
  [SL_COLUMN_ROLE_CONFIDENCE]  = N_("Confidence"),
};

typedef struct
{
  const char   *key;
  SlColumnRole  role;
  gboolean      is_hash;
} Synonym;

/* Header names after fold_name(): lower case, without spaces, underscores,
 * dashes and dots. Earlier entries of a role rank higher. */
static const Synonym synonyms[] = {
  { "plate", SL_COLUMN_ROLE_PLATE, FALSE },
  { "platenumber", SL_COLUMN_ROLE_PLATE, FALSE },
  { "licenseplate", SL_COLUMN_ROLE_PLATE, FALSE },
  { "licenceplate", SL_COLUMN_ROLE_PLATE, FALSE },
  { "licenseplatenumber", SL_COLUMN_ROLE_PLATE, FALSE },
  { "plateno", SL_COLUMN_ROLE_PLATE, FALSE },
  { "platetext", SL_COLUMN_ROLE_PLATE, FALSE },
  { "lpn", SL_COLUMN_ROLE_PLATE, FALSE },
  { "tag", SL_COLUMN_ROLE_PLATE, FALSE },
  { "tagnumber", SL_COLUMN_ROLE_PLATE, FALSE },
  { "vrm", SL_COLUMN_ROLE_PLATE, FALSE },
  { "platehash", SL_COLUMN_ROLE_PLATE, TRUE },
  { "hashedplate", SL_COLUMN_ROLE_PLATE, TRUE },
  { "platehashed", SL_COLUMN_ROLE_PLATE, TRUE },
  { "platesha256", SL_COLUMN_ROLE_PLATE, TRUE },
  { "platedigest", SL_COLUMN_ROLE_PLATE, TRUE },
  { "platemd5", SL_COLUMN_ROLE_PLATE, TRUE },
  { "timestamp", SL_COLUMN_ROLE_TIMESTAMP, FALSE },
  { "datetime", SL_COLUMN_ROLE_TIMESTAMP, FALSE },
  { "dt", SL_COLUMN_ROLE_TIMESTAMP, FALSE },
  { "readat", SL_COLUMN_ROLE_TIMESTAMP, FALSE },
  { "capturedat", SL_COLUMN_ROLE_TIMESTAMP, FALSE },
  { "readdatetime", SL_COLUMN_ROLE_TIMESTAMP, FALSE },
  { "datetimeread", SL_COLUMN_ROLE_TIMESTAMP, FALSE },
  { "readtimestamp", SL_COLUMN_ROLE_TIMESTAMP, FALSE },
  { "capturedatetime", SL_COLUMN_ROLE_TIMESTAMP, FALSE },
  { "detectedat", SL_COLUMN_ROLE_TIMESTAMP, FALSE },
  { "seenat", SL_COLUMN_ROLE_TIMESTAMP, FALSE },
  { "date", SL_COLUMN_ROLE_DATE, FALSE },
  { "readdate", SL_COLUMN_ROLE_DATE, FALSE },
  { "capturedate", SL_COLUMN_ROLE_DATE, FALSE },
  { "scandate", SL_COLUMN_ROLE_DATE, FALSE },
  /* "Read Time" may hold only the time beside a "Read Date", or the whole
   * timestamp: settle_time_roles() decides. */
  { "time", SL_COLUMN_ROLE_TIME, FALSE },
  { "timeofday", SL_COLUMN_ROLE_TIME, FALSE },
  { "readtime", SL_COLUMN_ROLE_TIME, FALSE },
  { "capturetime", SL_COLUMN_ROLE_TIME, FALSE },
  { "detectiontime", SL_COLUMN_ROLE_TIME, FALSE },
  { "scantime", SL_COLUMN_ROLE_TIME, FALSE },
  { "latitude", SL_COLUMN_ROLE_LATITUDE, FALSE },
  { "lat", SL_COLUMN_ROLE_LATITUDE, FALSE },
  { "gpslatitude", SL_COLUMN_ROLE_LATITUDE, FALSE },
  { "gpslat", SL_COLUMN_ROLE_LATITUDE, FALSE },
  { "cameralatitude", SL_COLUMN_ROLE_LATITUDE, FALSE },
  { "y", SL_COLUMN_ROLE_LATITUDE, FALSE },
  { "longitude", SL_COLUMN_ROLE_LONGITUDE, FALSE },
  { "lon", SL_COLUMN_ROLE_LONGITUDE, FALSE },
  { "lng", SL_COLUMN_ROLE_LONGITUDE, FALSE },
  { "long", SL_COLUMN_ROLE_LONGITUDE, FALSE },
  { "gpslongitude", SL_COLUMN_ROLE_LONGITUDE, FALSE },
  { "gpslon", SL_COLUMN_ROLE_LONGITUDE, FALSE },
  { "gpslng", SL_COLUMN_ROLE_LONGITUDE, FALSE },
  { "cameralongitude", SL_COLUMN_ROLE_LONGITUDE, FALSE },
  { "x", SL_COLUMN_ROLE_LONGITUDE, FALSE },
  { "camera", SL_COLUMN_ROLE_CAMERA, FALSE },
  { "cameraid", SL_COLUMN_ROLE_CAMERA, FALSE },
  { "cameraname", SL_COLUMN_ROLE_CAMERA, FALSE },
  { "device", SL_COLUMN_ROLE_CAMERA, FALSE },
  { "deviceid", SL_COLUMN_ROLE_CAMERA, FALSE },
  { "devicename", SL_COLUMN_ROLE_CAMERA, FALSE },
  { "reader", SL_COLUMN_ROLE_CAMERA, FALSE },
  { "readerid", SL_COLUMN_ROLE_CAMERA, FALSE },
  { "unit", SL_COLUMN_ROLE_CAMERA, FALSE },
  { "unitid", SL_COLUMN_ROLE_CAMERA, FALSE },
  { "agency", SL_COLUMN_ROLE_AGENCY, FALSE },
  { "agencyname", SL_COLUMN_ROLE_AGENCY, FALSE },
  { "owner", SL_COLUMN_ROLE_AGENCY, FALSE },
  { "owneragency", SL_COLUMN_ROLE_AGENCY, FALSE },
  { "owningagency", SL_COLUMN_ROLE_AGENCY, FALSE },
  { "org", SL_COLUMN_ROLE_AGENCY, FALSE },
  { "organization", SL_COLUMN_ROLE_AGENCY, FALSE },
  { "organisation", SL_COLUMN_ROLE_AGENCY, FALSE },
  { "platestate", SL_COLUMN_ROLE_PLATE_STATE, FALSE },
  { "state", SL_COLUMN_ROLE_PLATE_STATE, FALSE },
  { "tagstate", SL_COLUMN_ROLE_PLATE_STATE, FALSE },
  { "platejurisdiction", SL_COLUMN_ROLE_PLATE_STATE, FALSE },
  { "make", SL_COLUMN_ROLE_MAKE, FALSE },
  { "vehiclemake", SL_COLUMN_ROLE_MAKE, FALSE },
  { "colour", SL_COLUMN_ROLE_COLOUR, FALSE },
  { "color", SL_COLUMN_ROLE_COLOUR, FALSE },
  { "vehiclecolour", SL_COLUMN_ROLE_COLOUR, FALSE },
  { "vehiclecolor", SL_COLUMN_ROLE_COLOUR, FALSE },
  { "confidence", SL_COLUMN_ROLE_CONFIDENCE, FALSE },
  { "conf", SL_COLUMN_ROLE_CONFIDENCE, FALSE },
  { "readconfidence", SL_COLUMN_ROLE_CONFIDENCE, FALSE },
  { "ocrconfidence", SL_COLUMN_ROLE_CONFIDENCE, FALSE },
  { "score", SL_COLUMN_ROLE_CONFIDENCE, FALSE },
};

const char *
sl_column_role_to_string (SlColumnRole role)
{
  g_return_val_if_fail (role < SL_N_COLUMN_ROLES, NULL);

  return role_names[role];
}

/**
 * sl_column_role_get_label:
 * @role: a role
 *
 * Returns: (transfer none): the translated name to show for @role
 */
const char *
sl_column_role_get_label (SlColumnRole role)
{
  g_return_val_if_fail (role < SL_N_COLUMN_ROLES, NULL);

  return _(role_labels[role]);
}

static char *
fold_name (const char *name)
{
  GString *folded = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '_' || *p == '-' || *p == '.' || *p == '\t')
        continue;
      g_string_append_c (folded, g_ascii_tolower (*p));
    }

  return g_string_free (folded, FALSE);
}

/**
 * sl_column_role_from_string:
 * @string: a role name as the CLI takes it ("plate", "plate_hash", "lat", …)
 * @role: (out): the role
 * @is_hash: (out) (optional): whether the name says the plates are hashed
 *
 * Accepts the role names and every header synonym.
 *
 * Returns: %TRUE when @string names a role
 */
gboolean
sl_column_role_from_string (const char   *string,
                            SlColumnRole *role,
                            gboolean     *is_hash)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (string != NULL, FALSE);

  key = fold_name (string);
  if (is_hash != NULL)
    *is_hash = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    {
      g_autofree char *name = fold_name (role_names[i]);

      if (g_str_equal (key, name))
        {
          *role = i;
          return TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    {
      if (g_str_equal (key, synonyms[i].key))
        {
          *role = synonyms[i].role;
          if (is_hash != NULL)
            *is_hash = synonyms[i].is_hash;
          return TRUE;
        }
    }

  return FALSE;
}

static void
sl_column_mapping_finalize (GObject *object)
{
  SlColumnMapping *self = (SlColumnMapping *)object;

  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->roles, g_free);
  g_clear_pointer (&self->ranks, g_free);

  G_OBJECT_CLASS (sl_column_mapping_parent_class)->finalize (object);
}

static void
sl_column_mapping_class_init (SlColumnMappingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_column_mapping_finalize;
}

static void
sl_column_mapping_init (SlColumnMapping *self)
{
}

/* Dates and times in one column each, or one of them alone holding both. */
static void
settle_time_roles (SlColumnMapping *self)
{
  int date = sl_column_mapping_get_column (self, SL_COLUMN_ROLE_DATE);
  int time = sl_column_mapping_get_column (self, SL_COLUMN_ROLE_TIME);

  if (sl_column_mapping_get_column (self, SL_COLUMN_ROLE_TIMESTAMP) >= 0)
    return;

  if (date >= 0 && time < 0)
    self->roles[date] = SL_COLUMN_ROLE_TIMESTAMP;
  else if (time >= 0 && date < 0)
    self->roles[time] = SL_COLUMN_ROLE_TIMESTAMP;
}

/**
 * sl_column_mapping_new:
 * @header: (nullable) (array length=n_columns): the header row
 * @n_columns: how many columns the file has
 *
 * Maps each column to a role from its header name: case, spaces,
 * underscores, dashes and dots do not matter, and the usual synonyms are
 * known ("license_plate", "LPN", "Read At", "lng", "Device", "Org"…). A
 * column named like a hash ("plate_hash") marks the plates as hashed.
 * Without a header every column is ignored until set.
 *
 * Returns: (transfer full): a new mapping
 */
SlColumnMapping *
sl_column_mapping_new (const char * const *header,
                       guint               n_columns)
{
  SlColumnMapping *self = g_object_new (SL_TYPE_COLUMN_MAPPING, NULL);
  int hash_column = -1;

  self->n_columns = n_columns;
  self->names = g_new0 (char *, n_columns + 1);
  self->roles = g_new0 (SlColumnRole, n_columns);
  self->ranks = g_new0 (guint, n_columns);

  for (guint col = 0; col < n_columns; col++)
    {
      g_autofree char *key = NULL;

      if (header != NULL && header[col] != NULL && header[col][0] != '\0')
        self->names[col] = g_strdup (header[col]);
      else
        self->names[col] = g_strdup_printf (_("column %u"), col + 1);

      if (header == NULL)
        continue;

      key = fold_name (self->names[col]);
      for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
        {
          int other;

          if (!g_str_equal (key, synonyms[i].key))
            continue;

          other = sl_column_mapping_get_column (self, synonyms[i].role);
          if (other >= 0 && self->ranks[other] <= i)
            break;
          if (other >= 0)
            self->roles[other] = SL_COLUMN_ROLE_IGNORE;

          self->roles[col] = synonyms[i].role;
          self->ranks[col] = i;
          if (synonyms[i].role == SL_COLUMN_ROLE_PLATE)
            hash_column = synonyms[i].is_hash ? (int) col : -1;
          break;
        }
    }

  self->plate_hash_by_name = hash_column >= 0;
  self->plate_is_hash = self->plate_hash_by_name;
  settle_time_roles (self);

  return self;
}

guint
sl_column_mapping_get_n_columns (SlColumnMapping *self)
{
  g_return_val_if_fail (SL_IS_COLUMN_MAPPING (self), 0);

  return self->n_columns;
}

const char *
sl_column_mapping_get_column_name (SlColumnMapping *self,
                                   guint            column)
{
  g_return_val_if_fail (SL_IS_COLUMN_MAPPING (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->names[column];
}

SlColumnRole
sl_column_mapping_get_role (SlColumnMapping *self,
                            guint            column)
{
  g_return_val_if_fail (SL_IS_COLUMN_MAPPING (self), SL_COLUMN_ROLE_IGNORE);

  if (column >= self->n_columns)
    return SL_COLUMN_ROLE_IGNORE;

  return self->roles[column];
}

/**
 * sl_column_mapping_get_column:
 * @self: a #SlColumnMapping
 * @role: a role other than %SL_COLUMN_ROLE_IGNORE
 *
 * Returns: the column that has @role, or -1
 */
int
sl_column_mapping_get_column (SlColumnMapping *self,
                              SlColumnRole     role)
{
  g_return_val_if_fail (SL_IS_COLUMN_MAPPING (self), -1);
  g_return_val_if_fail (role != SL_COLUMN_ROLE_IGNORE && role < SL_N_COLUMN_ROLES, -1);

  for (guint col = 0; col < self->n_columns; col++)
    if (self->roles[col] == role)
      return col;

  return -1;
}

/**
 * sl_column_mapping_set_role:
 * @self: a #SlColumnMapping
 * @column: a column
 * @role: its new role
 *
 * Gives @column @role; the column that had @role before is ignored, so a
 * role never belongs to two columns.
 */
void
sl_column_mapping_set_role (SlColumnMapping *self,
                            guint            column,
                            SlColumnRole     role)
{
  g_return_if_fail (SL_IS_COLUMN_MAPPING (self));
  g_return_if_fail (column < self->n_columns);
  g_return_if_fail (role < SL_N_COLUMN_ROLES);

  if (role != SL_COLUMN_ROLE_IGNORE)
    {
      int other = sl_column_mapping_get_column (self, role);

      if (other >= 0)
        self->roles[other] = SL_COLUMN_ROLE_IGNORE;
    }

  self->roles[column] = role;
  self->ranks[column] = 0;
}

static int
find_column (SlColumnMapping *self,
             const char      *name)
{
  g_autofree char *key = NULL;
  guint64 number = 0;

  for (guint col = 0; col < self->n_columns; col++)
    if (g_ascii_strcasecmp (self->names[col], name) == 0)
      return col;

  key = fold_name (name);
  for (guint col = 0; col < self->n_columns; col++)
    {
      g_autofree char *folded = fold_name (self->names[col]);

      if (g_str_equal (folded, key))
        return col;
    }

  /* With no columns there is no valid number, and min > max would make
   * g_ascii_string_to_unsigned() fail a precondition. */
  if (self->n_columns > 0 &&
      g_ascii_string_to_unsigned (name, 10, 1, self->n_columns, &number, NULL))
    return number - 1;

  return -1;
}

/**
 * sl_column_mapping_apply_override:
 * @self: a #SlColumnMapping
 * @spec: "ROLE=COLUMN": a role (or a synonym, e.g. "plate_hash") and a
 *   column's header name or its number from 1
 * @error: location for a #GError
 *
 * Returns: %TRUE when @spec was understood and applied
 */
gboolean
sl_column_mapping_apply_override (SlColumnMapping  *self,
                                  const char       *spec,
                                  GError          **error)
{
  g_autofree char *role_name = NULL;
  const char *equals;
  const char *column_name;
  SlColumnRole role;
  gboolean is_hash = FALSE;
  int column;

  g_return_val_if_fail (SL_IS_COLUMN_MAPPING (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);

  equals = strchr (spec, '=');
  if (equals == NULL)
    {
      g_set_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_UNKNOWN_ROLE,
                   _("“%s” is not ROLE=COLUMN"), spec);
      return FALSE;
    }

  role_name = g_strndup (spec, equals - spec);
  column_name = equals + 1;

  if (!sl_column_role_from_string (role_name, &role, &is_hash))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", role_names[i]);
      g_set_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_UNKNOWN_ROLE,
                   _("Unknown role “%s” in “%s”; roles are %s"), role_name, spec, names->str);
      return FALSE;
    }

  column = find_column (self, column_name);
  if (column < 0)
    {
      g_autofree char *names = g_strjoinv (", ", self->names);

      g_set_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_UNKNOWN_COLUMN,
                   _("No column “%s” in “%s”; the columns are %s"), column_name, spec, names);
      return FALSE;
    }

  sl_column_mapping_set_role (self, column, role);
  if (role == SL_COLUMN_ROLE_PLATE)
    {
      self->plate_hash_by_name = is_hash;
      self->plate_is_hash = is_hash;
    }

  return TRUE;
}

gboolean
sl_column_mapping_get_plate_is_hash (SlColumnMapping *self)
{
  g_return_val_if_fail (SL_IS_COLUMN_MAPPING (self), FALSE);

  return self->plate_is_hash;
}

/**
 * sl_column_mapping_set_plate_is_hash:
 * @self: a #SlColumnMapping
 * @is_hash: whether the plate column holds hashes, kept as they are
 *
 * Overrides what the header and sl_column_mapping_analyze() found.
 */
void
sl_column_mapping_set_plate_is_hash (SlColumnMapping *self,
                                     gboolean         is_hash)
{
  g_return_if_fail (SL_IS_COLUMN_MAPPING (self));

  self->plate_is_hash = !!is_hash;
  self->plate_is_hash_set = TRUE;
}

SlTimeFormat
sl_column_mapping_get_time_format (SlColumnMapping *self)
{
  g_return_val_if_fail (SL_IS_COLUMN_MAPPING (self), SL_TIME_FORMAT_UNKNOWN);

  return self->time_format;
}

/**
 * sl_column_mapping_set_time_format:
 * @self: a #SlColumnMapping
 * @format: how the timestamp (or date) column is written
 *
 * Overrides what sl_column_mapping_analyze() detects.
 */
void
sl_column_mapping_set_time_format (SlColumnMapping *self,
                                   SlTimeFormat     format)
{
  g_return_if_fail (SL_IS_COLUMN_MAPPING (self));

  self->time_format = format;
  self->time_format_set = TRUE;
}

/**
 * sl_column_looks_like_hash:
 * @value: a plate column's value
 *
 * Returns: whether @value is a hex digest (MD5, SHA-1, SHA-2 lengths)
 */
gboolean
sl_column_looks_like_hash (const char *value)
{
  gsize len = 0;

  for (const char *p = value; *p != '\0'; p++, len++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;

  return len == 32 || len == 40 || len == 56 || len == 64 || len == 96 || len == 128;
}

/**
 * sl_column_mapping_analyze:
 * @self: a #SlColumnMapping
 * @rows: (element-type GStrv): the first data rows of the file
 * @day_first: read ambiguous slash dates day first
 *
 * Looks at sample values: plates that are all hex digests mark the column
 * as hashed (unless set), and the timestamp or date column's format is
 * detected (unless set).
 */
void
sl_column_mapping_analyze (SlColumnMapping *self,
                           GPtrArray       *rows,
                           gboolean         day_first)
{
  int plate;
  int time;

  g_return_if_fail (SL_IS_COLUMN_MAPPING (self));
  g_return_if_fail (rows != NULL);

  settle_time_roles (self);
  plate = sl_column_mapping_get_column (self, SL_COLUMN_ROLE_PLATE);
  time = sl_column_mapping_get_column (self, SL_COLUMN_ROLE_TIMESTAMP);
  if (time < 0)
    time = sl_column_mapping_get_column (self, SL_COLUMN_ROLE_DATE);

  /* Detection is repeated after every change of roles; only what the user
   * set explicitly stays as it is. */
  if (plate >= 0 && !self->plate_is_hash_set)
    {
      guint n_values = 0;
      guint n_hashes = 0;

      for (guint i = 0; i < rows->len; i++)
        {
          GStrv row = g_ptr_array_index (rows, i);

          if ((guint) plate >= g_strv_length (row) || row[plate][0] == '\0')
            continue;
          n_values++;
          if (sl_column_looks_like_hash (row[plate]))
            n_hashes++;
        }

      self->plate_is_hash = self->plate_hash_by_name || (n_values > 0 && n_hashes == n_values);
    }

  if (time >= 0 && !self->time_format_set)
    {
      g_autoptr(GPtrArray) samples = g_ptr_array_new ();

      for (guint i = 0; i < rows->len; i++)
        {
          GStrv row = g_ptr_array_index (rows, i);

          if ((guint) time < g_strv_length (row))
            g_ptr_array_add (samples, row[time]);
        }

      self->time_format = sl_timestamp_detect_format ((const char * const *) samples->pdata,
                                                      samples->len, day_first);
    }
}

/**
 * sl_column_mapping_validate:
 * @self: a #SlColumnMapping
 * @have_owner_agency: whether the user named an owner agency for the file
 * @error: location for a #GError
 *
 * Checks that the roles an import needs are there: plate, a timestamp (or
 * a date and a time), latitude, longitude, and an agency column unless the
 * owner agency is given; and that the time format is known.
 *
 * Returns: %TRUE when an import can proceed
 */
gboolean
sl_column_mapping_validate (SlColumnMapping  *self,
                            gboolean          have_owner_agency,
                            GError          **error)
{
  static const SlColumnRole required[] = {
    SL_COLUMN_ROLE_PLATE, SL_COLUMN_ROLE_LATITUDE, SL_COLUMN_ROLE_LONGITUDE,
  };
  gboolean has_time;

  g_return_val_if_fail (SL_IS_COLUMN_MAPPING (self), FALSE);

  settle_time_roles (self);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      if (sl_column_mapping_get_column (self, required[i]) < 0)
        {
          g_set_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_MISSING_ROLE,
                       _("No column for the %s; choose one (--map %s=COLUMN)"),
                       role_names[required[i]], role_names[required[i]]);
          return FALSE;
        }
    }

  has_time = sl_column_mapping_get_column (self, SL_COLUMN_ROLE_TIMESTAMP) >= 0 ||
             (sl_column_mapping_get_column (self, SL_COLUMN_ROLE_DATE) >= 0 &&
              sl_column_mapping_get_column (self, SL_COLUMN_ROLE_TIME) >= 0);
  if (!has_time)
    {
      g_set_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_MISSING_ROLE,
                   _("No column for the time of the reads; choose one (--map timestamp=COLUMN, "
                     "or --map date=COLUMN and --map time=COLUMN)"));
      return FALSE;
    }

  if (self->time_format == SL_TIME_FORMAT_UNKNOWN)
    {
      int time = sl_column_mapping_get_column (self, SL_COLUMN_ROLE_TIMESTAMP);

      if (time < 0)
        time = sl_column_mapping_get_column (self, SL_COLUMN_ROLE_DATE);
      g_set_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_MISSING_ROLE,
                   _("The values of column “%s” are not dates and times Sightline knows"),
                   self->names[time]);
      return FALSE;
    }

  if (!have_owner_agency && sl_column_mapping_get_column (self, SL_COLUMN_ROLE_AGENCY) < 0)
    {
      g_set_error (error, SL_COLUMN_MAPPING_ERROR, SL_COLUMN_MAPPING_ERROR_MISSING_ROLE,
                   _("The file has no agency column; name the agency that owns these reads "
                     "(--agency NAME)"));
      return FALSE;
    }

  return TRUE;
}

/**
 * sl_column_mapping_to_json:
 * @self: a #SlColumnMapping
 *
 * Returns: (transfer full): the mapping as stored in datasets.column_mapping:
 *   {"roles": {"plate": "Plate", …}, "plate_is_hash": false,
 *   "time_format": "ymd"}
 */
char *
sl_column_mapping_to_json (SlColumnMapping *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (SL_IS_COLUMN_MAPPING (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "roles");
  json_builder_begin_object (builder);
  for (SlColumnRole role = SL_COLUMN_ROLE_PLATE; role < SL_N_COLUMN_ROLES; role++)
    {
      int col = sl_column_mapping_get_column (self, role);

      if (col < 0)
        continue;
      json_builder_set_member_name (builder, role_names[role]);
      json_builder_add_string_value (builder, self->names[col]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "plate_is_hash");
  json_builder_add_boolean_value (builder, self->plate_is_hash);
  json_builder_set_member_name (builder, "time_format");
  json_builder_add_string_value (builder, sl_time_format_to_string (self->time_format));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}
