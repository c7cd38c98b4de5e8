/* sl-read-importer.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-read-importer"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <time.h>
#include <string.h>

#include "sl-agency.h"
#include "sl-csv-reader.h"
#include "sl-number.h"
#include "sl-project-private.h"
#include "sl-project-contents.h"
#include "sl-read-importer.h"
#include "sl-read-store-private.h"

#define PREVIEW_ROWS        200
#define PROGRESS_EVERY_ROWS 8192
#define PROGRESS_INTERVAL   (G_USEC_PER_SEC / 10)
#define MAX_RAW_VALUE       200
/* Interning caches are dropped when they reach these sizes, so memory stays
 * bounded whatever the file; lookups then go to the database. */
#define MAX_CACHED_PLATES   (1 << 20)
#define MAX_CACHED_NAMES    (1 << 16)
/* Page cache while importing, in KiB (negative: SQLite's unit for KiB). */
#define IMPORT_CACHE_SIZE   "-65536"
/* Page cache while the read indexes are built. CREATE INDEX sorts in runs
 * as large as the page cache; 1 MiB runs stay in the CPU caches, and with
 * them building the three read indexes of 1M reads took 1.5 s CPU instead
 * of 3.2 s with 64 MiB runs (the merge of the runs is cheap). */
#define INDEX_CACHE_SIZE    "-1024"
/* Below this many existing reads per expected new read, dropping the read
 * indexes and building them again after the insert is faster than keeping
 * them up to date row by row. */
#define BYTES_PER_ROW_GUESS 48

struct _SlReadImporter
{
  GObject               parent_instance;

  char                 *path;
  char                  delimiter;
  GTimeZone            *zone;
  char                 *owner_agency;
  guint                 day_first : 1;
  guint                 pseudonymize : 1;
  guint                 allow_reimport : 1;
  guint                 prepared : 1;
  guint                 ran : 1;

  SlImportProgressFunc  progress_func;
  gpointer              progress_data;
  GDestroyNotify        progress_destroy;
  /* Where progress is reported when the import runs on a worker thread. */
  GMainContext         *progress_context;

  SlCsvReader          *reader;
  SlColumnMapping      *mapping;
  GPtrArray            *preview_rows;
  GArray               *preview_lines;

  SlImportSummary       summary;
};

G_DEFINE_FINAL_TYPE (SlReadImporter, sl_read_importer, G_TYPE_OBJECT)

G_DEFINE_QUARK (sl-read-import-error-quark, sl_read_import_error)

/* CPU seconds of the importing thread, for the debug log of phases. */
static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* What is wrong with a row; the reason is a stable code stored in
 * import_problems.reason. */
typedef struct
{
  const char   *reason;
  SlColumnRole  role;
  char         *message;
} RowProblem;

/* A row's values, parsed and ready to store. Strings point into scratch
 * buffers that the next row overwrites. */
typedef struct
{
  GString *plate;
  gint64   time;
  double   latitude;
  double   longitude;
  GString *camera;
  GString *agency;
} RowValues;

void
sl_parsed_read_clear (SlParsedRead *read)
{
  g_clear_pointer (&read->plate, g_free);
  g_clear_pointer (&read->camera, g_free);
  g_clear_pointer (&read->agency, g_free);
}

static void
clear_summary (SlImportSummary *summary)
{
  if (summary->skipped_by_reason != NULL)
    {
      for (guint i = 0; i < summary->skipped_by_reason->len; i++)
        g_free (g_array_index (summary->skipped_by_reason, SlImportReasonCount, i).reason);
      g_array_unref (summary->skipped_by_reason);
    }
  memset (summary, 0, sizeof *summary);
}

static void
sl_read_importer_finalize (GObject *object)
{
  SlReadImporter *self = (SlReadImporter *)object;

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);

  clear_summary (&self->summary);
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->owner_agency, g_free);
  g_clear_object (&self->reader);
  g_clear_object (&self->mapping);
  g_clear_pointer (&self->preview_rows, g_ptr_array_unref);
  g_clear_pointer (&self->preview_lines, g_array_unref);

  G_OBJECT_CLASS (sl_read_importer_parent_class)->finalize (object);
}

static void
sl_read_importer_class_init (SlReadImporterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sl_read_importer_finalize;
}

static void
sl_read_importer_init (SlReadImporter *self)
{
  self->zone = g_time_zone_new_local ();
  self->preview_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->preview_lines = g_array_new (FALSE, FALSE, sizeof (guint64));
}

/**
 * sl_read_importer_new:
 * @path: the CSV file to import
 *
 * Creates an importer of plate reads. Set options, call
 * sl_read_importer_prepare() to detect the layout (and show a preview),
 * adjust sl_read_importer_get_mapping() if needed, then
 * sl_read_importer_run().
 *
 * Returns: (transfer full): a new importer
 */
SlReadImporter *
sl_read_importer_new (const char *path)
{
  SlReadImporter *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (SL_TYPE_READ_IMPORTER, NULL);
  self->path = g_strdup (path);

  return self;
}

void
sl_read_importer_set_delimiter (SlReadImporter *self,
                                char            delimiter)
{
  g_return_if_fail (SL_IS_READ_IMPORTER (self));
  g_return_if_fail (!self->prepared);

  self->delimiter = delimiter;
}

/**
 * sl_read_importer_set_time_zone:
 * @self: a #SlReadImporter
 * @zone: the zone times without an offset are read in (default: local)
 */
void
sl_read_importer_set_time_zone (SlReadImporter *self,
                                GTimeZone      *zone)
{
  g_return_if_fail (SL_IS_READ_IMPORTER (self));
  g_return_if_fail (zone != NULL);

  g_time_zone_unref (self->zone);
  self->zone = g_time_zone_ref (zone);
}

GTimeZone *
sl_read_importer_get_time_zone (SlReadImporter *self)
{
  g_return_val_if_fail (SL_IS_READ_IMPORTER (self), NULL);

  return self->zone;
}

void
sl_read_importer_set_day_first (SlReadImporter *self,
                                gboolean        day_first)
{
  g_return_if_fail (SL_IS_READ_IMPORTER (self));

  self->day_first = !!day_first;
}

/**
 * sl_read_importer_set_owner_agency:
 * @self: a #SlReadImporter
 * @name: (nullable): the agency that owns every read of the file
 *
 * Needed when the file has no agency column; when it has one, rows with an
 * empty agency get this one.
 */
void
sl_read_importer_set_owner_agency (SlReadImporter *self,
                                   const char     *name)
{
  g_return_if_fail (SL_IS_READ_IMPORTER (self));

  g_free (self->owner_agency);
  self->owner_agency = (name != NULL && *name != '\0') ? g_strdup (name) : NULL;
}

/**
 * sl_read_importer_set_pseudonymize:
 * @self: a #SlReadImporter
 * @pseudonymize: replace plates by HMAC-SHA256 pseudonyms
 *
 * Plates are stored as HMAC-SHA256 of the normalised plate under the
 * project's secret key: the same plate gets the same pseudonym in every
 * import into the project, and no one without the key can tell which
 * plate it is. Plates that are already hashes are kept as they are.
 */
void
sl_read_importer_set_pseudonymize (SlReadImporter *self,
                                   gboolean        pseudonymize)
{
  g_return_if_fail (SL_IS_READ_IMPORTER (self));

  self->pseudonymize = !!pseudonymize;
}

/**
 * sl_read_importer_set_allow_reimport:
 * @self: a #SlReadImporter
 * @allow: import even when the project has a dataset with the same SHA-256
 */
void
sl_read_importer_set_allow_reimport (SlReadImporter *self,
                                     gboolean        allow)
{
  g_return_if_fail (SL_IS_READ_IMPORTER (self));

  self->allow_reimport = !!allow;
}

void
sl_read_importer_set_progress_func (SlReadImporter       *self,
                                    SlImportProgressFunc  func,
                                    gpointer              user_data,
                                    GDestroyNotify        destroy)
{
  g_return_if_fail (SL_IS_READ_IMPORTER (self));

  if (self->progress_destroy != NULL)
    self->progress_destroy (self->progress_data);

  self->progress_func = func;
  self->progress_data = user_data;
  self->progress_destroy = destroy;
}

/**
 * sl_read_importer_prepare:
 * @self: a #SlReadImporter
 * @cancellable: (nullable): a #GCancellable
 * @error: location for a #GError
 *
 * Opens the file, detects delimiter and header, reads the first rows for
 * the preview and maps the columns from the header and those rows.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_read_importer_prepare (SlReadImporter  *self,
                          GCancellable    *cancellable,
                          GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  const char * const *header;
  guint n_columns = 0;

  g_return_val_if_fail (SL_IS_READ_IMPORTER (self), FALSE);
  g_return_val_if_fail (!self->prepared, FALSE);

  self->reader = sl_csv_reader_new_for_path (self->path, error);
  if (self->reader == NULL)
    return FALSE;

  sl_csv_reader_set_delimiter (self->reader, self->delimiter);
  if (!sl_csv_reader_sniff (self->reader, cancellable, error))
    return FALSE;

  header = sl_csv_reader_get_header (self->reader);
  if (header != NULL)
    n_columns = g_strv_length ((char **) header);

  while (self->preview_rows->len < PREVIEW_ROWS &&
         sl_csv_reader_next (self->reader, cancellable, &local_error))
    {
      guint n = sl_csv_reader_get_n_fields (self->reader);
      GStrv row = g_new0 (char *, n + 1);
      guint64 line = sl_csv_reader_get_line (self->reader);

      for (guint i = 0; i < n; i++)
        row[i] = g_strdup (sl_csv_reader_get_field (self->reader, i, NULL));
      g_ptr_array_add (self->preview_rows, row);
      g_array_append_val (self->preview_lines, line);
      if (header == NULL)
        n_columns = MAX (n_columns, n);
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->mapping = sl_column_mapping_new (header, n_columns);
  sl_column_mapping_analyze (self->mapping, self->preview_rows, self->day_first);
  self->prepared = TRUE;

  return TRUE;
}

/**
 * sl_read_importer_get_mapping:
 * @self: a prepared #SlReadImporter
 *
 * The column roles the import will use; change them before
 * sl_read_importer_run().
 *
 * Returns: (transfer none): the mapping
 */
SlColumnMapping *
sl_read_importer_get_mapping (SlReadImporter *self)
{
  g_return_val_if_fail (SL_IS_READ_IMPORTER (self), NULL);
  g_return_val_if_fail (self->prepared, NULL);

  return self->mapping;
}

char
sl_read_importer_get_detected_delimiter (SlReadImporter *self)
{
  g_return_val_if_fail (SL_IS_READ_IMPORTER (self), '\0');
  g_return_val_if_fail (self->prepared, '\0');

  return sl_csv_reader_get_delimiter (self->reader);
}

guint
sl_read_importer_get_n_preview_rows (SlReadImporter *self)
{
  g_return_val_if_fail (SL_IS_READ_IMPORTER (self), 0);

  return self->preview_rows->len;
}

/**
 * sl_read_importer_get_preview_row:
 * @self: a prepared #SlReadImporter
 * @index: a row, from 0
 *
 * Returns: (transfer none): the raw fields of one of the first rows
 */
const char * const *
sl_read_importer_get_preview_row (SlReadImporter *self,
                                  guint           index)
{
  g_return_val_if_fail (SL_IS_READ_IMPORTER (self), NULL);
  g_return_val_if_fail (index < self->preview_rows->len, NULL);

  return g_ptr_array_index (self->preview_rows, index);
}

/* The value of each mapped role in one record; NULL when the record is
 * too short to have it. */
typedef struct
{
  const char *values[SL_N_COLUMN_ROLES];
  int         columns[SL_N_COLUMN_ROLES];
  guint       n_fields;
  /* The reader already found every field valid UTF-8. */
  gboolean    all_valid_utf8;
} RowFields;

static void
init_columns (SlReadImporter *self,
              RowFields      *fields)
{
  fields->columns[SL_COLUMN_ROLE_IGNORE] = -1;
  for (SlColumnRole role = SL_COLUMN_ROLE_PLATE; role < SL_N_COLUMN_ROLES; role++)
    fields->columns[role] = sl_column_mapping_get_column (self->mapping, role);
}

static void
problem_set (RowProblem   *problem,
             const char   *reason,
             SlColumnRole  role,
             char         *message)
{
  problem->reason = reason;
  problem->role = role;
  g_free (problem->message);
  problem->message = message;
}

/* Copies @value without leading and trailing spaces. */
static void
assign_trimmed (GString    *out,
                const char *value)
{
  const char *end;

  while (*value == ' ' || *value == '\t')
    value++;
  end = value + strlen (value);
  while (end > value && (end[-1] == ' ' || end[-1] == '\t'))
    end--;

  g_string_truncate (out, 0);
  g_string_append_len (out, value, end - value);
}

/* Reads the common "[-]digits[.digits]" form without strtod, which shows
 * in profiles: with at most 15 digits the digits as an integer and the
 * power of ten are exact doubles, so one division gives the correctly
 * rounded value, the same as strtod's. Returns FALSE for anything else. */
static gboolean
parse_plain_decimal (const char  *value,
                     double      *out,
                     const char **out_end)
{
  static const double powers_of_ten[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
  };
  const char *p = value;
  gboolean negative = FALSE;
  guint64 digits = 0;
  guint n_digits = 0;
  guint n_fraction = 0;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  for (; g_ascii_isdigit (*p); p++, n_digits++)
    digits = digits * 10 + (*p - '0');
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++, n_digits++, n_fraction++)
      digits = digits * 10 + (*p - '0');

  if (n_digits == 0 || n_digits > 15 || *p == 'e' || *p == 'E')
    return FALSE;

  *out = (negative ? -(double) digits : (double) digits) / powers_of_ten[n_fraction];
  *out_end = p;
  return TRUE;
}

static gboolean
parse_coordinate (const char *value,
                  double     *out)
{
  const char *end = NULL;
  double d;

  while (*value == ' ' || *value == '\t')
    value++;
  if (!parse_plain_decimal (value, &d, &end))
    return sl_number_parse (value, out);
  while (*end == ' ' || *end == '\t')
    end++;
  if (*end != '\0')
    return FALSE;

  *out = d;
  return TRUE;
}

/* Parses one record's values into @out; on failure fills @problem. No
 * database access: the preview uses it too. */
static gboolean
parse_row (SlReadImporter *self,
           RowFields      *fields,
           gboolean        plate_is_hash,
           SlTimeFormat    time_format,
           RowValues      *out,
           RowProblem     *problem)
{
  static const SlColumnRole checked[] = {
    SL_COLUMN_ROLE_PLATE, SL_COLUMN_ROLE_TIMESTAMP, SL_COLUMN_ROLE_DATE, SL_COLUMN_ROLE_TIME,
    SL_COLUMN_ROLE_LATITUDE, SL_COLUMN_ROLE_LONGITUDE, SL_COLUMN_ROLE_CAMERA, SL_COLUMN_ROLE_AGENCY,
  };
  const char **v = fields->values;
  g_autoptr(GError) time_error = NULL;
  gboolean time_ok;

  for (guint i = 0; i < G_N_ELEMENTS (checked); i++)
    {
      SlColumnRole role = checked[i];

      if (fields->columns[role] < 0)
        continue;
      if (v[role] == NULL)
        {
          problem_set (problem, "missing-field", role,
                       g_strdup_printf (_("the record has %u fields; this one would be field %d"),
                                        fields->n_fields, fields->columns[role] + 1));
          return FALSE;
        }
      if (!fields->all_valid_utf8 && !g_utf8_validate (v[role], -1, NULL))
        {
          problem_set (problem, "invalid-utf8", role,
                       g_strdup (_("the value is not valid UTF-8 text")));
          return FALSE;
        }
    }

  /* Plate. */
  if (plate_is_hash)
    assign_trimmed (out->plate, v[SL_COLUMN_ROLE_PLATE]);
  else
    sl_read_store_normalize_plate_into (v[SL_COLUMN_ROLE_PLATE], out->plate);
  if (out->plate->len == 0)
    {
      problem_set (problem, "empty-plate", SL_COLUMN_ROLE_PLATE, g_strdup (_("the plate is empty")));
      return FALSE;
    }

  /* Time. */
  if (fields->columns[SL_COLUMN_ROLE_TIMESTAMP] >= 0)
    {
      time_ok = sl_timestamp_parse (v[SL_COLUMN_ROLE_TIMESTAMP], time_format, self->zone, &out->time, &time_error);
    }
  else
    {
      time_ok = sl_timestamp_parse_date_time (v[SL_COLUMN_ROLE_DATE], v[SL_COLUMN_ROLE_TIME],
                                              time_format, self->zone, &out->time, &time_error);
    }
  if (!time_ok)
    {
      gboolean range = g_error_matches (time_error, SL_TIMESTAMP_ERROR, SL_TIMESTAMP_ERROR_OUT_OF_RANGE);

      problem_set (problem, range ? "time-out-of-range" : "invalid-time",
                   fields->columns[SL_COLUMN_ROLE_TIMESTAMP] >= 0 ? SL_COLUMN_ROLE_TIMESTAMP : SL_COLUMN_ROLE_DATE,
                   g_strdup (time_error->message));
      return FALSE;
    }

  /* Place. */
  if (!parse_coordinate (v[SL_COLUMN_ROLE_LATITUDE], &out->latitude))
    {
      problem_set (problem, "invalid-latitude", SL_COLUMN_ROLE_LATITUDE,
                   g_strdup_printf (_("“%s” is not a latitude"), v[SL_COLUMN_ROLE_LATITUDE]));
      return FALSE;
    }
  if (out->latitude < -90 || out->latitude > 90)
    {
      problem_set (problem, "latitude-out-of-range", SL_COLUMN_ROLE_LATITUDE,
                   g_strdup_printf (_("latitude %s is outside −90…90"), v[SL_COLUMN_ROLE_LATITUDE]));
      return FALSE;
    }
  if (!parse_coordinate (v[SL_COLUMN_ROLE_LONGITUDE], &out->longitude))
    {
      problem_set (problem, "invalid-longitude", SL_COLUMN_ROLE_LONGITUDE,
                   g_strdup_printf (_("“%s” is not a longitude"), v[SL_COLUMN_ROLE_LONGITUDE]));
      return FALSE;
    }
  if (out->longitude < -180 || out->longitude > 180)
    {
      problem_set (problem, "longitude-out-of-range", SL_COLUMN_ROLE_LONGITUDE,
                   g_strdup_printf (_("longitude %s is outside −180…180"), v[SL_COLUMN_ROLE_LONGITUDE]));
      return FALSE;
    }
  /* 0,0 is what a reader writes when it had no GPS fix. */
  if (out->latitude == 0 && out->longitude == 0)
    {
      problem_set (problem, "no-location", SL_COLUMN_ROLE_LATITUDE,
                   g_strdup (_("the location is 0, 0 (no GPS fix)")));
      return FALSE;
    }

  /* Camera and agency. */
  if (v[SL_COLUMN_ROLE_CAMERA] != NULL)
    assign_trimmed (out->camera, v[SL_COLUMN_ROLE_CAMERA]);
  else
    g_string_truncate (out->camera, 0);

  if (v[SL_COLUMN_ROLE_AGENCY] != NULL)
    assign_trimmed (out->agency, v[SL_COLUMN_ROLE_AGENCY]);
  else
    g_string_truncate (out->agency, 0);
  if (out->agency->len == 0)
    {
      if (self->owner_agency == NULL)
        {
          problem_set (problem, "empty-agency", SL_COLUMN_ROLE_AGENCY,
                       g_strdup (_("the agency is empty and no owner agency was named")));
          return FALSE;
        }
      g_string_assign (out->agency, self->owner_agency);
    }

  return TRUE;
}

static void
fill_fields_from_strv (RowFields           *fields,
                       const char * const  *row)
{
  guint n = g_strv_length ((char **) row);

  fields->n_fields = n;
  fields->all_valid_utf8 = FALSE;
  for (SlColumnRole role = SL_COLUMN_ROLE_PLATE; role < SL_N_COLUMN_ROLES; role++)
    {
      int col = fields->columns[role];

      fields->values[role] = (col >= 0 && (guint) col < n) ? row[col] : NULL;
    }
}

static void
fill_fields_from_reader (RowFields   *fields,
                         SlCsvReader *reader)
{
  guint n = sl_csv_reader_get_n_fields (reader);

  fields->n_fields = n;
  fields->all_valid_utf8 = sl_csv_reader_get_invalid_utf8_field (reader) < 0;
  for (SlColumnRole role = SL_COLUMN_ROLE_PLATE; role < SL_N_COLUMN_ROLES; role++)
    {
      int col = fields->columns[role];

      fields->values[role] = (col >= 0 && (guint) col < n) ? sl_csv_reader_get_field (reader, col, NULL) : NULL;
    }
}

static void
row_values_init (RowValues *values)
{
  values->plate = g_string_new (NULL);
  values->camera = g_string_new (NULL);
  values->agency = g_string_new (NULL);
}

static void
row_values_clear (RowValues *values)
{
  g_string_free (values->plate, TRUE);
  g_string_free (values->camera, TRUE);
  g_string_free (values->agency, TRUE);
}

/**
 * sl_read_importer_parse_preview_row:
 * @self: a prepared #SlReadImporter
 * @index: a preview row
 * @out_read: (out caller-allocates): the values the import would store;
 *   clear with sl_parsed_read_clear()
 * @error: location for a #GError
 *
 * Parses a preview row with the current mapping, time zone and options,
 * so the user sees how times and places are understood. The plate is
 * shown normalised (a pseudonym is only computed on import).
 *
 * Returns: %TRUE when the row would be imported; otherwise @error says why
 */
gboolean
sl_read_importer_parse_preview_row (SlReadImporter  *self,
                                    guint            index,
                                    SlParsedRead    *out_read,
                                    GError         **error)
{
  RowFields fields;
  RowValues values;
  RowProblem problem = { NULL, };
  gboolean ok;

  g_return_val_if_fail (SL_IS_READ_IMPORTER (self), FALSE);
  g_return_val_if_fail (self->prepared, FALSE);
  g_return_val_if_fail (index < self->preview_rows->len, FALSE);
  g_return_val_if_fail (out_read != NULL, FALSE);

  memset (out_read, 0, sizeof *out_read);
  sl_column_mapping_analyze (self->mapping, self->preview_rows, self->day_first);
  if (!sl_column_mapping_validate (self->mapping, self->owner_agency != NULL, error))
    return FALSE;

  init_columns (self, &fields);
  fill_fields_from_strv (&fields, g_ptr_array_index (self->preview_rows, index));
  row_values_init (&values);

  ok = parse_row (self, &fields, sl_column_mapping_get_plate_is_hash (self->mapping),
                  sl_column_mapping_get_time_format (self->mapping), &values, &problem);
  if (ok)
    {
      out_read->plate = g_strdup (values.plate->str);
      out_read->plate_is_hash = sl_column_mapping_get_plate_is_hash (self->mapping);
      out_read->time = values.time;
      out_read->latitude = values.latitude;
      out_read->longitude = values.longitude;
      out_read->camera = values.camera->len > 0 ? g_strdup (values.camera->str) : NULL;
      out_read->agency = g_strdup (values.agency->str);
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: line %lu, field “%s”: %s"),
                   self->path, (gulong) g_array_index (self->preview_lines, guint64, index),
                   sl_column_mapping_get_column_name (self->mapping, fields.columns[problem.role]),
                   problem.message);
    }

  g_free (problem.message);
  row_values_clear (&values);

  return ok;
}

typedef struct
{
  char         *path;
  GCancellable *cancellable;
  char         *sha256;
  GError       *error;
} HashJob;

static char *
compute_sha256 (const char    *path,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  gssize n;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 256 * 1024,
                                   cancellable, error)) > 0)
    g_checksum_update (checksum, buffer, n);

  if (n < 0)
    return NULL;

  return g_strdup (g_checksum_get_string (checksum));
}

static gpointer
hash_thread (gpointer data)
{
  HashJob *job = data;

  job->sha256 = compute_sha256 (job->path, job->cancellable, &job->error);

  return NULL;
}

/* Plate keys up to this many bytes are stored in the slot itself. */
#define PLATE_INLINE_KEY 16

/* One interned plate; length 0 marks an empty slot (plates are never
 * empty). */
typedef struct
{
  guint32 hash;
  guint32 length;
  gint64  id;
  union
  {
    char  inline_key[PLATE_INLINE_KEY];
    char *key;
  };
} PlateSlot;

/* Normalised plate → plates.id, by open addressing with the key in the
 * slot: a lookup touches one cache line where GHashTable touches its
 * hash, key and value arrays and the key string (a third of the read
 * phase in profiles). */
typedef struct
{
  PlateSlot *slots;
  gsize      mask;
  gsize      size;
} PlateCache;

static guint32
plate_hash (const char *key,
            gsize       length)
{
  /* FNV-1a, folded to 32 bits. */
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (gsize i = 0; i < length; i++)
    h = (h ^ (guchar) key[i]) * G_GUINT64_CONSTANT (0x100000001b3);

  return (guint32) (h ^ (h >> 32));
}

static const char *
plate_slot_key (const PlateSlot *slot)
{
  return slot->length <= PLATE_INLINE_KEY ? slot->inline_key : slot->key;
}

static void
plate_cache_init (PlateCache *cache)
{
  cache->mask = 1023;
  cache->size = 0;
  cache->slots = g_new0 (PlateSlot, cache->mask + 1);
}

/* Empties the cache, keeping its capacity when @keep is TRUE. */
static void
plate_cache_clear (PlateCache *cache,
                   gboolean    keep)
{
  for (gsize i = 0; cache->slots != NULL && i <= cache->mask; i++)
    if (cache->slots[i].length > PLATE_INLINE_KEY)
      g_free (cache->slots[i].key);

  if (keep)
    memset (cache->slots, 0, (cache->mask + 1) * sizeof (PlateSlot));
  else
    g_clear_pointer (&cache->slots, g_free);
  cache->size = 0;
}

/* The slot holding @key, or the empty slot where it belongs. */
static PlateSlot *
plate_cache_slot (PlateSlot  *slots,
                  gsize       mask,
                  const char *key,
                  gsize       length,
                  guint32     hash)
{
  for (gsize i = hash & mask;; i = (i + 1) & mask)
    {
      PlateSlot *slot = &slots[i];

      if (slot->length == 0 ||
          (slot->hash == hash && slot->length == length &&
           memcmp (plate_slot_key (slot), key, length) == 0))
        return slot;
    }
}

static gboolean
plate_cache_lookup (PlateCache *cache,
                    const char *key,
                    gsize       length,
                    guint32     hash,
                    gint64     *out_id)
{
  PlateSlot *slot = plate_cache_slot (cache->slots, cache->mask, key, length, hash);

  *out_id = slot->id;
  return slot->length != 0;
}

static void
plate_cache_insert (PlateCache *cache,
                    const char *key,
                    gsize       length,
                    guint32     hash,
                    gint64      id)
{
  PlateSlot *slot;

  /* At most three quarters full, so probe runs stay short. */
  if ((cache->size + 1) * 4 > (cache->mask + 1) * 3)
    {
      gsize new_mask = cache->mask * 2 + 1;
      PlateSlot *slots = g_new0 (PlateSlot, new_mask + 1);

      for (gsize i = 0; i <= cache->mask; i++)
        {
          PlateSlot *old = &cache->slots[i];

          if (old->length != 0)
            *plate_cache_slot (slots, new_mask, plate_slot_key (old), old->length, old->hash) = *old;
        }
      g_free (cache->slots);
      cache->slots = slots;
      cache->mask = new_mask;
    }

  slot = plate_cache_slot (cache->slots, cache->mask, key, length, hash);
  g_assert (slot->length == 0);
  slot->hash = hash;
  slot->length = length;
  slot->id = id;
  if (length <= PLATE_INLINE_KEY)
    memcpy (slot->inline_key, key, length);
  else
    slot->key = g_memdup2 (key, length);
  cache->size++;
}

/* Reads are inserted this many at a time: one multi-row INSERT shares
 * the per-statement work (cursor, halt, reset) among them. */
#define INSERT_BATCH    32
#define READ_COLUMNS    12
#define READ_INSERT_SQL "INSERT INTO reads (plate_id, time, latitude, longitude, cell, agency_id, " \
                        "camera_id, dataset_id, plate_state, make, colour, confidence) VALUES "

/* A read waiting for its batch. */
typedef struct
{
  gint64   plate_id;
  gint64   time;
  double   latitude;
  double   longitude;
  gint64   agency_id;
  gint64   camera_id;
  /* Plate state, make and colour; NULL strings are unknown values. */
  GString *text[3];
  gboolean text_known[3];
  double   confidence;
  gboolean confidence_known;
} PendingRead;

typedef struct
{
  SlReadImporter *self;
  SlProject      *project;
  sqlite3        *db;
  GCancellable   *cancellable;

  sqlite3_stmt   *insert_read;
  sqlite3_stmt   *insert_reads;
  sqlite3_stmt   *insert_problem;
  sqlite3_stmt   *find_plate;
  sqlite3_stmt   *insert_plate;
  sqlite3_stmt   *find_camera;
  sqlite3_stmt   *insert_camera;

  /* Normalised plate (before any pseudonym) → plates.id. */
  PlateCache      plates;
  /* Whether every stored plate is in the cache, so a miss is a new plate;
   * while it is, the plates index is dropped and this is how to rebuild it. */
  gboolean        plates_complete;
  GPtrArray      *plate_index_sql;
  /* Agency name as written → agencies.id; "agency\037camera" → cameras.id. */
  GHashTable     *agencies;
  GHashTable     *cameras;
  GString        *camera_key;
  GString        *pseudonym;
  GHmac          *keyed;

  RowFields       fields;
  RowValues       values;
  PendingRead     pending[INSERT_BATCH];
  guint           n_pending;
  RowProblem      problem;
  gboolean        plate_is_hash;
  SlTimeFormat    time_format;
  gint64          dataset_id;
  GHashTable     *reasons;
  char           *first_problem;

  guint64         rows_read;
  guint64         rows_inserted;
  guint64         rows_skipped;
  gint64          first_read;
  gint64          last_read;
  guint64         size_bytes;
  gint64          start_time;
  gint64          last_progress;
} ImportContext;

static void
import_context_clear (ImportContext *ctx)
{
  sqlite3_finalize (ctx->insert_read);
  sqlite3_finalize (ctx->insert_reads);
  for (guint i = 0; i < G_N_ELEMENTS (ctx->pending); i++)
    for (guint k = 0; k < G_N_ELEMENTS (ctx->pending[i].text); k++)
      if (ctx->pending[i].text[k] != NULL)
        g_string_free (ctx->pending[i].text[k], TRUE);
  sqlite3_finalize (ctx->insert_problem);
  sqlite3_finalize (ctx->find_plate);
  sqlite3_finalize (ctx->insert_plate);
  sqlite3_finalize (ctx->find_camera);
  sqlite3_finalize (ctx->insert_camera);
  plate_cache_clear (&ctx->plates, FALSE);
  g_clear_pointer (&ctx->plate_index_sql, g_ptr_array_unref);
  g_clear_pointer (&ctx->agencies, g_hash_table_unref);
  g_clear_pointer (&ctx->cameras, g_hash_table_unref);
  g_clear_pointer (&ctx->reasons, g_hash_table_unref);
  g_clear_pointer (&ctx->keyed, g_hmac_unref);
  if (ctx->camera_key != NULL)
    g_string_free (ctx->camera_key, TRUE);
  if (ctx->pseudonym != NULL)
    g_string_free (ctx->pseudonym, TRUE);
  if (ctx->values.plate != NULL)
    row_values_clear (&ctx->values);
  g_free (ctx->problem.message);
  g_free (ctx->first_problem);
}

static gboolean
prepare_statement (ImportContext  *ctx,
                   const char     *sql,
                   sqlite3_stmt  **stmt,
                   GError        **error)
{
  if (sqlite3_prepare_v3 (ctx->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (ctx->project, error, sql);
      return FALSE;
    }

  return TRUE;
}

/* Steps a write statement and resets it. */
static gboolean
step_done (ImportContext  *ctx,
           sqlite3_stmt   *stmt,
           const char     *what,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (ctx->project, error, what);
      return FALSE;
    }

  return TRUE;
}

/* Looks a row up with a one-column query bound to @stmt; 0 when absent. */
static gboolean
step_find (ImportContext  *ctx,
           sqlite3_stmt   *stmt,
           const char     *what,
           gint64         *out_id,
           GError        **error)
{
  int rc = sqlite3_step (stmt);

  *out_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sl_project_set_error (ctx->project, error, what);
      return FALSE;
    }

  return TRUE;
}

/* Drops the indexes of @table and returns the SQL that recreates them. In
 * the import's transaction, so a rollback brings them back. */
static GPtrArray *
drop_indexes (SlProject   *project,
              const char  *table,
              GError     **error)
{
  g_autoptr(GPtrArray) create = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (sl_project_get_db (project),
                          "SELECT name, sql FROM sqlite_schema "
                          "WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "sqlite_schema");
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (create, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"", (char *) names->pdata[i]);

      if (!sl_project_exec (project, sql, error))
        return NULL;
    }

  return g_steal_pointer (&create);
}

/* Builds the indexes drop_indexes() dropped, if any. */
static gboolean
restore_indexes (ImportContext  *ctx,
                 GPtrArray     **index_sql,
                 GError        **error)
{
  g_autoptr(GPtrArray) sql = g_steal_pointer (index_sql);

  for (guint i = 0; sql != NULL && i < sql->len; i++)
    {
      if (!sl_project_exec (ctx->project, sql->pdata[i], error))
        return FALSE;
      if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
        return FALSE;
    }

  return TRUE;
}

static void
cache_insert (GHashTable *cache,
              guint       max_size,
              const char *key,
              gint64      id)
{
  if (g_hash_table_size (cache) >= max_size)
    g_hash_table_remove_all (cache);

  g_hash_table_insert (cache, g_strdup (key), GSIZE_TO_POINTER ((gsize) id));
}

static gboolean
intern_plate (ImportContext  *ctx,
              gint64         *out_id,
              GError        **error)
{
  const char *key = ctx->values.plate->str;
  gsize length = ctx->values.plate->len;
  guint32 hash = plate_hash (key, length);
  const char *stored = key;
  gboolean pseudonym = ctx->keyed != NULL && !ctx->plate_is_hash;

  if (plate_cache_lookup (&ctx->plates, key, length, hash, out_id))
    return TRUE;

  if (pseudonym)
    {
      sl_read_store_pseudonymize_into (ctx->keyed, key, ctx->pseudonym);
      stored = ctx->pseudonym->str;
    }

  *out_id = 0;
  if (!ctx->plates_complete)
    {
      sqlite3_bind_text (ctx->find_plate, 1, stored, -1, SQLITE_STATIC);
      if (!step_find (ctx, ctx->find_plate, "plates", out_id, error))
        return FALSE;
    }

  if (*out_id == 0)
    {
      sqlite3_bind_text (ctx->insert_plate, 1, stored, -1, SQLITE_STATIC);
      sqlite3_bind_int (ctx->insert_plate, 2, ctx->plate_is_hash || pseudonym);
      if (!step_done (ctx, ctx->insert_plate, "plates", error))
        return FALSE;
      *out_id = sqlite3_last_insert_rowid (ctx->db);
    }

  if (ctx->plates.size >= MAX_CACHED_PLATES)
    {
      /* From now on plates are looked up in the database. */
      ctx->plates_complete = FALSE;
      if (!restore_indexes (ctx, &ctx->plate_index_sql, error))
        return FALSE;
      plate_cache_clear (&ctx->plates, TRUE);
    }
  plate_cache_insert (&ctx->plates, key, length, hash, *out_id);

  return TRUE;
}

/* Returns FALSE with @error unset when the name is unusable: the row is
 * then skipped with ctx->problem set. */
static gboolean
resolve_agency (ImportContext  *ctx,
                gint64         *out_id,
                GError        **error)
{
  const char *name = ctx->values.agency->str;
  g_autoptr(GError) local_error = NULL;
  gpointer cached;

  if (g_hash_table_lookup_extended (ctx->agencies, name, NULL, &cached))
    {
      *out_id = (gint64) GPOINTER_TO_SIZE (cached);
      return TRUE;
    }

  *out_id = sl_agency_ensure (ctx->project, name, NULL, &local_error);
  if (*out_id == 0)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
        problem_set (&ctx->problem, "invalid-agency", SL_COLUMN_ROLE_AGENCY,
                     g_strdup (local_error->message));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  cache_insert (ctx->agencies, MAX_CACHED_NAMES, name, *out_id);

  return TRUE;
}

static gboolean
resolve_camera (ImportContext  *ctx,
                gint64          agency_id,
                gint64         *out_id,
                GError        **error)
{
  const char *name = ctx->values.camera->str;
  gpointer cached;

  *out_id = 0;
  if (*name == '\0')
    return TRUE;

  /* The agency id as 16 letters, then the name: built by hand because
   * printf per row shows in profiles. */
  g_string_truncate (ctx->camera_key, 0);
  for (int shift = 60; shift >= 0; shift -= 4)
    g_string_append_c (ctx->camera_key, 'a' + ((agency_id >> shift) & 0xf));
  g_string_append (ctx->camera_key, name);
  if (g_hash_table_lookup_extended (ctx->cameras, ctx->camera_key->str, NULL, &cached))
    {
      *out_id = (gint64) GPOINTER_TO_SIZE (cached);
      return TRUE;
    }

  sqlite3_bind_int64 (ctx->find_camera, 1, agency_id);
  sqlite3_bind_text (ctx->find_camera, 2, name, -1, SQLITE_STATIC);
  if (!step_find (ctx, ctx->find_camera, "cameras", out_id, error))
    return FALSE;

  if (*out_id == 0)
    {
      sqlite3_bind_int64 (ctx->insert_camera, 1, agency_id);
      sqlite3_bind_text (ctx->insert_camera, 2, name, -1, SQLITE_STATIC);
      sqlite3_bind_double (ctx->insert_camera, 3, ctx->values.latitude);
      sqlite3_bind_double (ctx->insert_camera, 4, ctx->values.longitude);
      if (!step_done (ctx, ctx->insert_camera, "cameras", error))
        return FALSE;
      *out_id = sqlite3_last_insert_rowid (ctx->db);
    }

  cache_insert (ctx->cameras, MAX_CACHED_NAMES, ctx->camera_key->str, *out_id);

  return TRUE;
}

/* The offending value, valid UTF-8 and at most MAX_RAW_VALUE bytes. */
static char *
truncate_raw_value (const char *value)
{
  g_autofree char *valid = NULL;
  const char *end;

  if (value == NULL)
    return NULL;

  valid = g_utf8_make_valid (value, -1);
  if (strlen (valid) <= MAX_RAW_VALUE)
    return g_steal_pointer (&valid);

  end = g_utf8_find_prev_char (valid, valid + MAX_RAW_VALUE + 1);
  return g_strndup (valid, end - valid);
}

static gboolean
record_problem (ImportContext  *ctx,
                guint64         line,
                GError        **error)
{
  RowProblem *problem = &ctx->problem;
  int column = ctx->fields.columns[problem->role];
  const char *field = column >= 0 ? sl_column_mapping_get_column_name (ctx->self->mapping, column) : NULL;
  g_autofree char *raw = truncate_raw_value (ctx->fields.values[problem->role]);
  gpointer count;

  ctx->rows_skipped++;
  count = g_hash_table_lookup (ctx->reasons, problem->reason);
  g_hash_table_insert (ctx->reasons, (gpointer) problem->reason,
                       GSIZE_TO_POINTER (GPOINTER_TO_SIZE (count) + 1));

  if (ctx->first_problem == NULL)
    ctx->first_problem = g_strdup_printf (_("line %lu, field “%s”: %s"),
                                          (gulong) line, field != NULL ? field : "", problem->message);

  sqlite3_bind_int64 (ctx->insert_problem, 1, ctx->dataset_id);
  sqlite3_bind_int64 (ctx->insert_problem, 2, line);
  if (field != NULL)
    sqlite3_bind_text (ctx->insert_problem, 3, field, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (ctx->insert_problem, 3);
  sqlite3_bind_text (ctx->insert_problem, 4, problem->reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (ctx->insert_problem, 5, problem->message, -1, SQLITE_STATIC);
  if (raw != NULL)
    sqlite3_bind_text (ctx->insert_problem, 6, raw, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (ctx->insert_problem, 6);

  return step_done (ctx, ctx->insert_problem, "import_problems", error);
}

/* Keeps an optional text value of the row for its batch; blank or
 * invalid UTF-8 is unknown. */
static void
pend_optional_text (PendingRead *read,
                    guint        k,
                    const char  *value)
{
  while (value != NULL && (*value == ' ' || *value == '\t'))
    value++;

  read->text_known[k] = value != NULL && *value != '\0' && g_utf8_validate (value, -1, NULL);
  if (read->text_known[k])
    {
      if (read->text[k] == NULL)
        read->text[k] = g_string_new (NULL);
      g_string_assign (read->text[k], value);
    }
}

static gint64
cell_of (double latitude,
         double longitude)
{
  return (gint64) ((latitude + 90) * 100) * 36000 + (gint64) ((longitude + 180) * 100);
}

/* Binds @read to the parameters of one row of a reads INSERT, starting
 * at parameter @first. */
static void
bind_read (ImportContext     *ctx,
           sqlite3_stmt      *stmt,
           int                first,
           const PendingRead *read)
{
  sqlite3_bind_int64 (stmt, first, read->plate_id);
  sqlite3_bind_int64 (stmt, first + 1, read->time);
  sqlite3_bind_double (stmt, first + 2, read->latitude);
  sqlite3_bind_double (stmt, first + 3, read->longitude);
  sqlite3_bind_int64 (stmt, first + 4, cell_of (read->latitude, read->longitude));
  sqlite3_bind_int64 (stmt, first + 5, read->agency_id);
  if (read->camera_id != 0)
    sqlite3_bind_int64 (stmt, first + 6, read->camera_id);
  else
    sqlite3_bind_null (stmt, first + 6);
  sqlite3_bind_int64 (stmt, first + 7, ctx->dataset_id);
  for (int k = 0; k < 3; k++)
    {
      if (read->text_known[k])
        sqlite3_bind_text (stmt, first + 8 + k, read->text[k]->str, read->text[k]->len, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, first + 8 + k);
    }
  if (read->confidence_known)
    sqlite3_bind_double (stmt, first + 11, read->confidence);
  else
    sqlite3_bind_null (stmt, first + 11);
}

/* Stores the pending reads, in the order they came: a full batch with
 * one statement, a last partial one row by row. */
static gboolean
flush_reads (ImportContext  *ctx,
             GError        **error)
{
  guint n = ctx->n_pending;

  ctx->n_pending = 0;
  if (n == INSERT_BATCH)
    {
      for (guint i = 0; i < n; i++)
        bind_read (ctx, ctx->insert_reads, 1 + i * READ_COLUMNS, &ctx->pending[i]);
      return step_done (ctx, ctx->insert_reads, "reads", error);
    }

  for (guint i = 0; i < n; i++)
    {
      bind_read (ctx, ctx->insert_read, 1, &ctx->pending[i]);
      if (!step_done (ctx, ctx->insert_read, "reads", error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_row (ImportContext  *ctx,
            guint64         line,
            GError        **error)
{
  const char **v = ctx->fields.values;
  gint64 plate_id, agency_id, camera_id;
  PendingRead *read;

  ctx->rows_read++;

  if (!parse_row (ctx->self, &ctx->fields, ctx->plate_is_hash, ctx->time_format,
                  &ctx->values, &ctx->problem))
    return record_problem (ctx, line, error);

  if (!resolve_agency (ctx, &agency_id, error))
    return (error == NULL || *error == NULL) ? record_problem (ctx, line, error) : FALSE;

  if (!intern_plate (ctx, &plate_id, error) ||
      !resolve_camera (ctx, agency_id, &camera_id, error))
    return FALSE;

  read = &ctx->pending[ctx->n_pending++];
  read->plate_id = plate_id;
  read->time = ctx->values.time;
  read->latitude = ctx->values.latitude;
  read->longitude = ctx->values.longitude;
  read->agency_id = agency_id;
  read->camera_id = camera_id;
  pend_optional_text (read, 0, v[SL_COLUMN_ROLE_PLATE_STATE]);
  pend_optional_text (read, 1, v[SL_COLUMN_ROLE_MAKE]);
  pend_optional_text (read, 2, v[SL_COLUMN_ROLE_COLOUR]);
  /* A bad confidence does not cost the read: it is stored as unknown. */
  read->confidence_known = v[SL_COLUMN_ROLE_CONFIDENCE] != NULL &&
                           parse_coordinate (v[SL_COLUMN_ROLE_CONFIDENCE], &read->confidence);

  if (ctx->n_pending == INSERT_BATCH && !flush_reads (ctx, error))
    return FALSE;

  if (ctx->rows_inserted == 0 || ctx->values.time < ctx->first_read)
    ctx->first_read = ctx->values.time;
  if (ctx->rows_inserted == 0 || ctx->values.time > ctx->last_read)
    ctx->last_read = ctx->values.time;
  ctx->rows_inserted++;

  return TRUE;
}

typedef struct
{
  SlReadImporter   *importer;
  SlImportProgress  progress;
} ProgressDelivery;

static void
progress_delivery_free (gpointer data)
{
  ProgressDelivery *delivery = data;

  g_object_unref (delivery->importer);
  g_free (delivery);
}

static gboolean
deliver_progress (gpointer data)
{
  ProgressDelivery *delivery = data;
  SlReadImporter *self = delivery->importer;

  if (self->progress_func != NULL)
    self->progress_func (&delivery->progress, self->progress_data);

  return G_SOURCE_REMOVE;
}

static void
report_progress (ImportContext *ctx,
                 SlImportPhase  phase,
                 gboolean       force)
{
  SlReadImporter *self = ctx->self;
  SlImportProgress progress;
  gint64 now;

  if (self->progress_func == NULL)
    return;

  now = g_get_monotonic_time ();
  if (!force && now - ctx->last_progress < PROGRESS_INTERVAL)
    return;
  ctx->last_progress = now;

  progress.phase = phase;
  progress.bytes_read = sl_csv_reader_get_bytes_read (self->reader);
  progress.bytes_total = ctx->size_bytes;
  progress.rows_read = ctx->rows_read;
  progress.rows_per_second = now > ctx->start_time
    ? ctx->rows_read / ((now - ctx->start_time) / (double) G_USEC_PER_SEC)
    : 0.0;

  if (self->progress_context != NULL)
    {
      ProgressDelivery *delivery = g_new (ProgressDelivery, 1);

      delivery->importer = g_object_ref (self);
      delivery->progress = progress;
      g_main_context_invoke_full (self->progress_context, G_PRIORITY_DEFAULT,
                                  deliver_progress, delivery, progress_delivery_free);
    }
  else
    {
      self->progress_func (&progress, self->progress_data);
    }
}

/* Fails with SL_READ_IMPORT_ERROR_ALREADY_IMPORTED when a dataset of the
 * project has @sha256, unless re-imports are allowed. */
static gboolean
check_not_imported (SlReadImporter  *self,
                    SlProject       *project,
                    const char      *sha256,
                    GError         **error)
{
  sqlite3 *db = sl_project_get_db (project);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  if (self->allow_reimport)
    return TRUE;

  if (sqlite3_prepare_v2 (db,
                          "SELECT id, imported_at, file_name FROM datasets "
                          "WHERE sha256 = ?1 ORDER BY id LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "datasets");
      return FALSE;
    }

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_autofree char *when = sl_timestamp_format_utc (sqlite3_column_int64 (stmt, 1));

      g_set_error (error, SL_READ_IMPORT_ERROR, SL_READ_IMPORT_ERROR_ALREADY_IMPORTED,
                   _("%s: this file (SHA-256 %.12s…) was already imported on %s as dataset %ld "
                     "(“%s”); import it again only if you mean to (--yes)"),
                   self->path, sha256, when, (glong) sqlite3_column_int64 (stmt, 0),
                   (const char *) sqlite3_column_text (stmt, 2));
      ok = FALSE;
    }
  else if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "datasets");
      ok = FALSE;
    }
  sqlite3_finalize (stmt);

  return ok;
}

static gboolean
query_int64 (SlProject   *project,
             const char  *sql,
             gint64       bind,
             gint64      *out,
             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, sql);
      return FALSE;
    }

  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, bind);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out = sqlite3_column_int64 (stmt, 0);
  else
    sl_project_set_error (project, error, sql);
  sqlite3_finalize (stmt);

  return rc == SQLITE_ROW;
}

/* Where and by whom a read was taken: with plate and time, what makes two
 * reads the same. */
typedef struct
{
  double latitude;
  double longitude;
  gint64 agency_id;
} ReadPlace;

static guint
read_place_hash (gconstpointer key)
{
  const ReadPlace *place = key;

  return g_double_hash (&place->latitude) ^ (g_double_hash (&place->longitude) * 31) ^
         g_int64_hash (&place->agency_id);
}

static gboolean
read_place_equal (gconstpointer a,
                  gconstpointer b)
{
  const ReadPlace *pa = a;
  const ReadPlace *pb = b;

  return pa->latitude == pb->latitude && pa->longitude == pb->longitude &&
         pa->agency_id == pb->agency_id;
}

typedef struct
{
  ImportContext *ctx;
  sqlite3_stmt  *fetch;
  sqlite3_stmt  *mark;
  gint64         max_id_before;
  /* The current run: reads of one plate at one time, in stored order. */
  gint64         plate;
  gint64         time;
  gint64         first_id;
  guint          length;
  /* Places seen in the run (only once it has two reads). */
  GHashTable    *places;
  guint64        n_duplicates;
} DuplicateScan;

static gboolean
fetch_place (DuplicateScan  *scan,
             gint64          id,
             ReadPlace      *place,
             GError        **error)
{
  sqlite3_bind_int64 (scan->fetch, 1, id);
  if (sqlite3_step (scan->fetch) != SQLITE_ROW)
    {
      sl_project_set_error (scan->ctx->project, error, "reads");
      sqlite3_reset (scan->fetch);
      return FALSE;
    }

  place->latitude = sqlite3_column_double (scan->fetch, 0);
  place->longitude = sqlite3_column_double (scan->fetch, 1);
  place->agency_id = sqlite3_column_int64 (scan->fetch, 2);
  sqlite3_reset (scan->fetch);

  return TRUE;
}

static gboolean
remember_place (DuplicateScan  *scan,
                gint64          id,
                GError        **error)
{
  ReadPlace place;

  if (!fetch_place (scan, id, &place, error))
    return FALSE;

  if (g_hash_table_contains (scan->places, &place))
    {
      /* Reads stored before this import were checked when they came. */
      if (id > scan->max_id_before)
        {
          scan->n_duplicates++;
          sqlite3_bind_int64 (scan->mark, 1, id);
          return step_done (scan->ctx, scan->mark, "duplicates", error);
        }
      return TRUE;
    }

  g_hash_table_add (scan->places, g_memdup2 (&place, sizeof place));
  return TRUE;
}

/* Looks at one index entry; a read is only fetched when its plate and
 * time are shared with another read, which is rare, and memory holds the
 * distinct places of one such run, whatever the file. */
static gboolean
scan_entry (DuplicateScan  *scan,
            gint64          id,
            gint64          plate,
            gint64          time,
            GError        **error)
{
  if (scan->length == 0 || plate != scan->plate || time != scan->time)
    {
      scan->plate = plate;
      scan->time = time;
      scan->first_id = id;
      scan->length = 1;
      g_hash_table_remove_all (scan->places);
      return TRUE;
    }

  scan->length++;
  if (scan->length == 2 && !remember_place (scan, scan->first_id, error))
    return FALSE;

  return remember_place (scan, id, error);
}

/* Deletes the reads stored by this import (id > @max_id_before) that
 * repeat a stored read: same plate, time, place and agency. Walks the
 * per-plate index, where reads of one plate at one time are neighbours in
 * stored order (the first stays). The ids go to a temporary table, not
 * memory, so a file of nothing but duplicates is no problem. */
static gboolean
delete_duplicates (ImportContext  *ctx,
                   gint64          max_id_before,
                   guint64        *out_n_deleted,
                   GError        **error)
{
  DuplicateScan scan = { ctx, NULL, NULL, max_id_before, };
  sqlite3_stmt *walk = NULL;
  gboolean ok = FALSE;
  int rc;

  scan.places = g_hash_table_new_full (read_place_hash, read_place_equal, g_free, NULL);

  if (!sl_project_exec (ctx->project,
                        "CREATE TEMP TABLE IF NOT EXISTS sl_import_duplicates (id INTEGER PRIMARY KEY); "
                        "DELETE FROM temp.sl_import_duplicates",
                        error) ||
      !prepare_statement (ctx,
                          "SELECT id, plate_id, time FROM reads INDEXED BY reads_by_plate_time "
                          "ORDER BY plate_id, time",
                          &walk, error) ||
      !prepare_statement (ctx, "SELECT latitude, longitude, agency_id FROM reads WHERE id = ?1",
                          &scan.fetch, error) ||
      !prepare_statement (ctx, "INSERT INTO temp.sl_import_duplicates (id) VALUES (?1)",
                          &scan.mark, error))
    goto out;

  while ((rc = sqlite3_step (walk)) == SQLITE_ROW)
    {
      if (!scan_entry (&scan, sqlite3_column_int64 (walk, 0), sqlite3_column_int64 (walk, 1),
                       sqlite3_column_int64 (walk, 2), error))
        goto out;
    }

  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (ctx->project, error, "reads");
      goto out;
    }

  sqlite3_finalize (walk);
  walk = NULL;

  if (scan.n_duplicates > 0 &&
      !sl_project_exec (ctx->project,
                        "DELETE FROM reads WHERE id IN (SELECT id FROM temp.sl_import_duplicates)",
                        error))
    goto out;

  *out_n_deleted = scan.n_duplicates;
  ok = sl_project_exec (ctx->project, "DELETE FROM temp.sl_import_duplicates", error);

out:
  sqlite3_finalize (walk);
  sqlite3_finalize (scan.fetch);
  sqlite3_finalize (scan.mark);
  g_hash_table_unref (scan.places);

  return ok;
}

static gboolean
insert_dataset (ImportContext  *ctx,
                gint64          owner_agency_id,
                GError        **error)
{
  SlReadImporter *self = ctx->self;
  g_autofree char *file_name = g_path_get_basename (self->path);
  g_autofree char *file_path = g_canonicalize_filename (self->path, NULL);
  g_autofree char *mapping = sl_column_mapping_to_json (self->mapping);
  char delimiter[2] = { sl_csv_reader_get_delimiter (self->reader), '\0' };
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!prepare_statement (ctx,
                          "INSERT INTO datasets (file_name, file_path, sha256, size_bytes, imported_at, "
                          "column_mapping, delimiter, time_zone, owner_agency_id, pseudonymized) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                          &stmt, error))
    return FALSE;

  sqlite3_bind_text (stmt, 1, file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, file_path, -1, SQLITE_STATIC);
  /* The real digest is written when the file has been read to the end. */
  sqlite3_bind_text (stmt, 3, "0000000000000000000000000000000000000000000000000000000000000000",
                     -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, ctx->size_bytes);
  sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 6, mapping, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, delimiter, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 8, g_time_zone_get_identifier (self->zone), -1, SQLITE_STATIC);
  if (owner_agency_id != 0)
    sqlite3_bind_int64 (stmt, 9, owner_agency_id);
  else
    sqlite3_bind_null (stmt, 9);
  sqlite3_bind_int (stmt, 10, ctx->keyed != NULL);

  ok = step_done (ctx, stmt, "datasets", error);
  sqlite3_finalize (stmt);
  ctx->dataset_id = sqlite3_last_insert_rowid (ctx->db);

  return ok;
}

static gboolean
finish_dataset (ImportContext  *ctx,
                const char     *sha256,
                guint64         n_duplicates,
                GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!prepare_statement (ctx,
                          "UPDATE datasets SET sha256 = ?2, rows_read = ?3, rows_imported = ?4, "
                          "rows_skipped = ?5, rows_duplicate = ?6, first_read = ?7, last_read = ?8 "
                          "WHERE id = ?1",
                          &stmt, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ctx->dataset_id);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, ctx->rows_read);
  sqlite3_bind_int64 (stmt, 4, ctx->rows_inserted - n_duplicates);
  sqlite3_bind_int64 (stmt, 5, ctx->rows_skipped);
  sqlite3_bind_int64 (stmt, 6, n_duplicates);
  sqlite3_bind_int64 (stmt, 7, ctx->first_read);
  sqlite3_bind_int64 (stmt, 8, ctx->last_read);

  ok = step_done (ctx, stmt, "datasets", error);
  sqlite3_finalize (stmt);

  return ok;
}

static int
compare_reason_counts (gconstpointer a,
                       gconstpointer b)
{
  const SlImportReasonCount *ra = a;
  const SlImportReasonCount *rb = b;

  if (ra->count != rb->count)
    return ra->count > rb->count ? -1 : 1;

  return strcmp (ra->reason, rb->reason);
}

static void
fill_summary (ImportContext *ctx,
              guint64        n_duplicates)
{
  SlImportSummary *summary = &ctx->self->summary;
  GHashTableIter iter;
  gpointer key, value;

  clear_summary (summary);
  summary->dataset_id = ctx->dataset_id;
  summary->rows_read = ctx->rows_read;
  summary->rows_imported = ctx->rows_inserted - n_duplicates;
  summary->rows_skipped = ctx->rows_skipped;
  summary->rows_duplicate = n_duplicates;
  summary->seconds = (g_get_monotonic_time () - ctx->start_time) / (double) G_USEC_PER_SEC;
  summary->skipped_by_reason = g_array_new (FALSE, FALSE, sizeof (SlImportReasonCount));

  g_hash_table_iter_init (&iter, ctx->reasons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      SlImportReasonCount count = { g_strdup (key), GPOINTER_TO_SIZE (value) };

      g_array_append_val (summary->skipped_by_reason, count);
    }
  g_array_sort (summary->skipped_by_reason, compare_reason_counts);
}

static gboolean
read_all_rows (ImportContext  *ctx,
               GError        **error)
{
  SlReadImporter *self = ctx->self;
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < self->preview_rows->len; i++)
    {
      fill_fields_from_strv (&ctx->fields, g_ptr_array_index (self->preview_rows, i));
      if (!import_row (ctx, g_array_index (self->preview_lines, guint64, i), error))
        return FALSE;
    }

  while (sl_csv_reader_next (self->reader, ctx->cancellable, &local_error))
    {
      fill_fields_from_reader (&ctx->fields, self->reader);
      if (!import_row (ctx, sl_csv_reader_get_line (self->reader), error))
        return FALSE;

      if (ctx->rows_read % PROGRESS_EVERY_ROWS == 0)
        {
          if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
            return FALSE;
          report_progress (ctx, SL_IMPORT_PHASE_READING, FALSE);
        }
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return !g_cancellable_set_error_if_cancelled (ctx->cancellable, error) &&
         flush_reads (ctx, error);
}

static gboolean
import_in_transaction (ImportContext  *ctx,
                       const char     *known_sha256,
                       HashJob        *hash_job,
                       GThread       **hash_thread_ptr,
                       GError        **error)
{
  SlReadImporter *self = ctx->self;
  SlProject *project = ctx->project;
  g_autoptr(GPtrArray) index_sql = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GString) batch_sql = g_string_new (READ_INSERT_SQL);
  gint64 owner_agency_id = 0;
  gint64 max_id_before = 0;
  gint64 n_plates = 0;
  guint64 n_duplicates = 0;
  const char *sha256 = known_sha256;

  if (self->pseudonymize)
    {
      key = sl_read_store_ensure_pseudonym_key (project, error);
      if (key == NULL)
        return FALSE;
      ctx->keyed = g_hmac_new (G_CHECKSUM_SHA256, g_bytes_get_data (key, NULL), g_bytes_get_size (key));
    }

  if (self->owner_agency != NULL)
    {
      owner_agency_id = sl_agency_ensure (project, self->owner_agency, NULL, error);
      if (owner_agency_id == 0)
        {
          g_prefix_error (error, _("Owner agency: "));
          return FALSE;
        }
    }

  if (!query_int64 (project, "SELECT coalesce (max (id), 0) FROM reads", 0, &max_id_before, error) ||
      !query_int64 (project, "SELECT count (*) FROM plates", 0, &n_plates, error))
    return FALSE;
  ctx->plates_complete = n_plates == 0;
  if (ctx->plates_complete)
    {
      ctx->plate_index_sql = drop_indexes (project, "plates", error);
      if (ctx->plate_index_sql == NULL)
        return FALSE;
    }

  /* Rebuilding an index from sorted data is much faster than inserting
   * millions of entries one by one, but only pays when the new rows are
   * not a small addition to what is stored. */
  if ((guint64) max_id_before < ctx->size_bytes / BYTES_PER_ROW_GUESS)
    {
      index_sql = drop_indexes (project, "reads", error);
      if (index_sql == NULL)
        return FALSE;
    }

  for (guint i = 0; i < INSERT_BATCH; i++)
    g_string_append (batch_sql, i == 0 ? "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                       : ", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

  if (!insert_dataset (ctx, owner_agency_id, error) ||
      !prepare_statement (ctx, READ_INSERT_SQL "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          &ctx->insert_read, error) ||
      !prepare_statement (ctx, batch_sql->str, &ctx->insert_reads, error) ||
      !prepare_statement (ctx,
                          "INSERT INTO import_problems (dataset_id, line, field, reason, message, raw_value) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                          &ctx->insert_problem, error) ||
      !prepare_statement (ctx, "SELECT id FROM plates WHERE plate = ?1", &ctx->find_plate, error) ||
      !prepare_statement (ctx, "INSERT INTO plates (plate, is_hash) VALUES (?1, ?2)",
                          &ctx->insert_plate, error) ||
      !prepare_statement (ctx, "SELECT id FROM cameras WHERE agency_id = ?1 AND name = ?2",
                          &ctx->find_camera, error) ||
      !prepare_statement (ctx,
                          "INSERT INTO cameras (agency_id, name, latitude, longitude) "
                          "VALUES (?1, ?2, ?3, ?4)",
                          &ctx->insert_camera, error))
    return FALSE;

  if (!read_all_rows (ctx, error))
    return FALSE;

  if (ctx->rows_inserted == 0)
    {
      if (ctx->rows_read == 0)
        g_set_error (error, SL_READ_IMPORT_ERROR, SL_READ_IMPORT_ERROR_NOTHING_IMPORTED,
                     _("%s: the file has no data rows"), self->path);
      else
        g_set_error (error, SL_READ_IMPORT_ERROR, SL_READ_IMPORT_ERROR_NOTHING_IMPORTED,
                     _("%s: none of the %lu rows could be imported; the first "
                       "problem is at %s"),
                     self->path, (gulong) ctx->rows_read, ctx->first_problem);
      return FALSE;
    }

  g_debug ("Read %" G_GUINT64_FORMAT " rows at %.2f s (CPU %.2f s)", ctx->rows_read,
           (g_get_monotonic_time () - ctx->start_time) / (double) G_USEC_PER_SEC, thread_cpu_seconds ());
  report_progress (ctx, SL_IMPORT_PHASE_INDEXING, TRUE);
  if (!sl_project_exec (project, "PRAGMA cache_size = " INDEX_CACHE_SIZE, error) ||
      !restore_indexes (ctx, &ctx->plate_index_sql, error) ||
      !restore_indexes (ctx, &index_sql, error) ||
      !sl_project_exec (project, "PRAGMA cache_size = " IMPORT_CACHE_SIZE, error))
    return FALSE;

  g_debug ("Indexes built at %.2f s (CPU %.2f s)",
           (g_get_monotonic_time () - ctx->start_time) / (double) G_USEC_PER_SEC, thread_cpu_seconds ());
  report_progress (ctx, SL_IMPORT_PHASE_FINISHING, TRUE);
  if (!delete_duplicates (ctx, max_id_before, &n_duplicates, error))
    return FALSE;

  g_debug ("Duplicates removed at %.2f s (CPU %.2f s)",
           (g_get_monotonic_time () - ctx->start_time) / (double) G_USEC_PER_SEC, thread_cpu_seconds ());
  if (sha256 == NULL)
    {
      g_thread_join (g_steal_pointer (hash_thread_ptr));
      if (hash_job->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&hash_job->error));
          return FALSE;
        }
      sha256 = hash_job->sha256;
      if (!check_not_imported (self, project, sha256, error))
        return FALSE;
    }

  if (!finish_dataset (ctx, sha256, n_duplicates, error))
    return FALSE;

  fill_summary (ctx, n_duplicates);

  return TRUE;
}

/* SQLite progress handler: a non-zero return interrupts the statement. */
static int
interrupt_if_cancelled (void *data)
{
  return g_cancellable_is_cancelled (data) ? 1 : 0;
}

/* sqlite3_exec() callback: fails unless the journal mode is "delete". */
static int
check_journal_mode (void  *user_data,
                    int    n_columns,
                    char **values,
                    char **names)
{
  return (n_columns == 1 && g_strcmp0 (values[0], "delete") == 0) ? 0 : 1;
}

/**
 * sl_read_importer_run:
 * @self: a #SlReadImporter
 * @project: the project to import into
 * @cancellable: (nullable): a #GCancellable
 * @error: location for a #GError
 *
 * Imports the file as one transaction: on error, cancellation or a crash
 * the project is exactly as it was. Rows that cannot be used are skipped
 * and recorded in import_problems; reads that repeat a stored read are
 * dropped and counted. A file whose SHA-256 is already in the project
 * fails with %SL_READ_IMPORT_ERROR_ALREADY_IMPORTED before anything is
 * stored, unless sl_read_importer_set_allow_reimport() was set. Prepares
 * the importer first if that was not done. Runs on the calling thread
 * (see SlProjectWorker for the UI) and may be called once.
 *
 * Returns: %TRUE on success; see sl_read_importer_get_summary()
 */
gboolean
sl_read_importer_run (SlReadImporter  *self,
                      SlProject       *project,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(GCancellable) hash_cancellable = g_cancellable_new ();
  g_autofree char *known_sha256 = NULL;
  ImportContext ctx = { 0, };
  HashJob hash_job = { 0, };
  GThread *hasher = NULL;
  GStatBuf st;
  gint64 same_size = 0;
  gint64 old_cache_size = 0;
  gboolean rollback_journal = FALSE;
  gboolean ok;

  g_return_val_if_fail (SL_IS_READ_IMPORTER (self), FALSE);
  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (!self->ran, FALSE);

  if (!self->prepared && !sl_read_importer_prepare (self, cancellable, error))
    return FALSE;
  self->ran = TRUE;

  if (self->preview_rows->len == 0)
    {
      g_set_error (error, SL_READ_IMPORT_ERROR, SL_READ_IMPORT_ERROR_NOTHING_IMPORTED,
                   _("%s: the file has no data rows"), self->path);
      return FALSE;
    }

  sl_column_mapping_analyze (self->mapping, self->preview_rows, self->day_first);
  if (!sl_column_mapping_validate (self->mapping, self->owner_agency != NULL, error))
    {
      g_prefix_error (error, "%s: ", self->path);
      return FALSE;
    }

  ctx.self = self;
  ctx.project = project;
  ctx.db = sl_project_get_db (project);
  ctx.cancellable = cancellable;
  ctx.start_time = g_get_monotonic_time ();
  ctx.plate_is_hash = sl_column_mapping_get_plate_is_hash (self->mapping);
  ctx.time_format = sl_column_mapping_get_time_format (self->mapping);
  plate_cache_init (&ctx.plates);
  ctx.agencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.cameras = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx.reasons = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.camera_key = g_string_new (NULL);
  ctx.pseudonym = g_string_new (NULL);
  init_columns (self, &ctx.fields);
  row_values_init (&ctx.values);
  if (g_stat (self->path, &st) == 0)
    ctx.size_bytes = st.st_size;

  /* Only a file as long as an imported one can be the same file: then the
   * question is asked before any work; otherwise the digest is computed
   * on a second thread while the rows are imported. */
  if (!query_int64 (project, "SELECT count (*) FROM datasets WHERE size_bytes = ?1",
                    ctx.size_bytes, &same_size, error))
    {
      import_context_clear (&ctx);
      return FALSE;
    }
  if (same_size > 0)
    {
      known_sha256 = compute_sha256 (self->path, cancellable, error);
      if (known_sha256 == NULL || !check_not_imported (self, project, known_sha256, error))
        {
          import_context_clear (&ctx);
          return FALSE;
        }
    }
  else
    {
      hash_job.path = self->path;
      hash_job.cancellable = hash_cancellable;
      hasher = g_thread_new ("sl-import-sha256", hash_thread, &hash_job);
    }

  query_int64 (project, "PRAGMA cache_size", 0, &old_cache_size, NULL);

  /* Foreign keys are checked by construction here (every id comes from
   * the row just looked up or inserted); checking them again would cost
   * four index lookups per read. The pragma cannot change inside a
   * transaction, so it is set around it. */
  ok = sl_project_exec (project, "PRAGMA foreign_keys = OFF", error) &&
       sl_project_exec (project, "PRAGMA cache_size = " IMPORT_CACHE_SIZE, error);

  /* In WAL mode every page of a large import is written twice (to the log,
   * then to the file by the checkpoint). A rollback journal only records
   * pages that existed before, and an import mostly appends new ones, so
   * it is used for the import when no other connection has the project
   * open (the switch fails harmlessly otherwise). It is as safe: a crash
   * leaves a hot journal that the next open rolls back. */
  if (ok)
    rollback_journal = sqlite3_exec (ctx.db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) == SQLITE_OK &&
                       sqlite3_exec (ctx.db, "PRAGMA journal_mode", check_journal_mode, NULL, NULL) == SQLITE_OK;

  ok = ok && sl_project_begin (project, error);

  if (ok)
    {
      GError *local_error = NULL;

      /* Index building and the duplicate scan are long single statements:
       * SQLite interrupts them when the user cancels. */
      if (cancellable != NULL)
        sqlite3_progress_handler (ctx.db, 10000, interrupt_if_cancelled, cancellable);
      ok = import_in_transaction (&ctx, known_sha256, &hash_job, &hasher, &local_error);
      sqlite3_progress_handler (ctx.db, 0, NULL, NULL);

      if (!ok && g_cancellable_is_cancelled (cancellable) &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&local_error);
          g_cancellable_set_error_if_cancelled (cancellable, &local_error);
        }
      if (local_error != NULL)
        g_propagate_error (error, local_error);

      /* Statements must be finished before the commit. */
      import_context_clear (&ctx);
      /* Read caches of the project's earlier state are stale from now. */
      ok = ok && sl_project_contents_note_reads_changed (project, error);
      ok = ok && sl_project_commit (project, error);
      if (!ok)
        sl_project_rollback (project);
    }
  else
    {
      import_context_clear (&ctx);
    }

  if (hasher != NULL)
    {
      g_cancellable_cancel (hash_cancellable);
      g_thread_join (hasher);
    }
  g_clear_error (&hash_job.error);
  g_free (hash_job.sha256);

  if (rollback_journal)
    sqlite3_exec (ctx.db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);

  {
    g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, old_cache_size);

    sqlite3_exec (ctx.db, restore, NULL, NULL, NULL);
    sqlite3_exec (ctx.db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  }

  return ok;
}

static void
run_in_worker (GTask        *task,
               SlProject    *project,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SlReadImporter *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (sl_read_importer_run (self, project, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * sl_read_importer_run_async:
 * @self: a #SlReadImporter
 * @worker: the worker that owns the project
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the caller's thread-default main context when done
 * @user_data: data for @callback
 *
 * Runs sl_read_importer_run() on the worker thread. The progress function
 * is called in the caller's thread-default main context, so a UI can
 * update widgets from it.
 */
void
sl_read_importer_run_async (SlReadImporter      *self,
                            SlProjectWorker     *worker,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SL_IS_READ_IMPORTER (self));
  g_return_if_fail (SL_IS_PROJECT_WORKER (worker));

  g_clear_pointer (&self->progress_context, g_main_context_unref);
  self->progress_context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sl_read_importer_run_async);
  /* A cancel that arrives after the commit must not be reported as a
   * cancelled import: the reads are in the project then. */
  g_task_set_check_cancellable (task, FALSE);
  sl_project_worker_queue (worker, task, run_in_worker);
}

gboolean
sl_read_importer_run_finish (SlReadImporter  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (SL_IS_READ_IMPORTER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * sl_read_importer_get_summary:
 * @self: a #SlReadImporter
 *
 * Returns: (transfer none): what the last successful run did
 */
const SlImportSummary *
sl_read_importer_get_summary (SlReadImporter *self)
{
  g_return_val_if_fail (SL_IS_READ_IMPORTER (self), NULL);

  return &self->summary;
}

static void
append_csv_field (GString    *out,
                  const char *value)
{
  if (value == NULL)
    return;

  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * sl_import_problems_export_csv:
 * @project: a #SlProject
 * @dataset_id: a datasets.id
 * @path: the CSV file to write
 * @error: location for a #GError
 *
 * Writes the skipped rows of a dataset as CSV (line, field, reason,
 * message, value), in file order: the "problem report" a user can take
 * back to the source of the data.
 *
 * Returns: %TRUE on success
 */
gboolean
sl_import_problems_export_csv (SlProject   *project,
                               gint64       dataset_id,
                               const char  *path,
                               GError     **error)
{
  g_autoptr(GString) out = g_string_new ("line,field,reason,message,value\r\n");
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (SL_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (sqlite3_prepare_v2 (sl_project_get_db (project),
                          "SELECT line, field, reason, message, raw_value FROM import_problems "
                          "WHERE dataset_id = ?1 ORDER BY line, id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sl_project_set_error (project, error, "import_problems");
      return FALSE;
    }

  sqlite3_bind_int64 (stmt, 1, dataset_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT ",", (gint64) sqlite3_column_int64 (stmt, 0));
      for (int col = 1; col < 5; col++)
        {
          append_csv_field (out, (const char *) sqlite3_column_text (stmt, col));
          g_string_append (out, col < 4 ? "," : "\r\n");
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      sl_project_set_error (project, error, "import_problems");
      return FALSE;
    }

  return g_file_set_contents (path, out->str, out->len, error);
}
