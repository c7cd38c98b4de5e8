/* sl-read-importer.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-column-mapper.h"
#include "sl-project.h"
#include "sl-project-worker.h"

G_BEGIN_DECLS

#define SL_READ_IMPORT_ERROR (sl_read_import_error_quark ())

typedef enum
{
  /* A dataset with the same SHA-256 is in the project already: ask the
   * user, then import again with sl_read_importer_set_allow_reimport(). */
  SL_READ_IMPORT_ERROR_ALREADY_IMPORTED,
  /* Pseudonyms were asked for but the project's key was removed, so new
   * pseudonyms could not match the earlier ones. */
  SL_READ_IMPORT_ERROR_NO_PSEUDONYM_KEY,
  /* Not one row of the file could be imported. */
  SL_READ_IMPORT_ERROR_NOTHING_IMPORTED,
} SlReadImportError;

typedef enum
{
  SL_IMPORT_PHASE_READING,
  SL_IMPORT_PHASE_INDEXING,
  SL_IMPORT_PHASE_FINISHING,
} SlImportPhase;

typedef struct
{
  SlImportPhase phase;
  guint64       bytes_read;
  guint64       bytes_total;
  guint64       rows_read;
  double        rows_per_second;
} SlImportProgress;

/* Called on the importing thread, at most about ten times a second. */
typedef void (*SlImportProgressFunc) (const SlImportProgress *progress,
                                      gpointer                user_data);

typedef struct
{
  char   *reason;
  guint64 count;
} SlImportReasonCount;

typedef struct
{
  gint64   dataset_id;
  guint64  rows_read;
  guint64  rows_imported;
  guint64  rows_skipped;
  guint64  rows_duplicate;
  double   seconds;
  /* (element-type SlImportReasonCount): skipped rows by reason, most
   * frequent first. */
  GArray  *skipped_by_reason;
} SlImportSummary;

/* One preview row as the import would store it. */
typedef struct
{
  char     *plate;
  gboolean  plate_is_hash;
  gint64    time;
  double    latitude;
  double    longitude;
  char     *camera;
  char     *agency;
} SlParsedRead;

void sl_parsed_read_clear (SlParsedRead *read);

#define SL_TYPE_READ_IMPORTER (sl_read_importer_get_type ())

G_DECLARE_FINAL_TYPE (SlReadImporter, sl_read_importer, SL, READ_IMPORTER, GObject)

GQuark                 sl_read_import_error_quark          (void);
SlReadImporter        *sl_read_importer_new                (const char            *path);
void                   sl_read_importer_set_delimiter      (SlReadImporter        *self,
                                                            char                   delimiter);
void                   sl_read_importer_set_time_zone      (SlReadImporter        *self,
                                                            GTimeZone             *zone);
GTimeZone             *sl_read_importer_get_time_zone      (SlReadImporter        *self);
void                   sl_read_importer_set_day_first      (SlReadImporter        *self,
                                                            gboolean               day_first);
void                   sl_read_importer_set_owner_agency   (SlReadImporter        *self,
                                                            const char            *name);
void                   sl_read_importer_set_pseudonymize   (SlReadImporter        *self,
                                                            gboolean               pseudonymize);
void                   sl_read_importer_set_allow_reimport (SlReadImporter        *self,
                                                            gboolean               allow);
void                   sl_read_importer_set_progress_func  (SlReadImporter        *self,
                                                            SlImportProgressFunc   func,
                                                            gpointer               user_data,
                                                            GDestroyNotify         destroy);
gboolean               sl_read_importer_prepare            (SlReadImporter        *self,
                                                            GCancellable          *cancellable,
                                                            GError               **error);
SlColumnMapping       *sl_read_importer_get_mapping        (SlReadImporter        *self);
char                   sl_read_importer_get_detected_delimiter (SlReadImporter    *self);
guint                  sl_read_importer_get_n_preview_rows (SlReadImporter        *self);
const char * const    *sl_read_importer_get_preview_row    (SlReadImporter        *self,
                                                            guint                  index);
gboolean               sl_read_importer_parse_preview_row  (SlReadImporter        *self,
                                                            guint                  index,
                                                            SlParsedRead          *out_read,
                                                            GError               **error);
gboolean               sl_read_importer_run                (SlReadImporter        *self,
                                                            SlProject             *project,
                                                            GCancellable          *cancellable,
                                                            GError               **error);
void                   sl_read_importer_run_async          (SlReadImporter        *self,
                                                            SlProjectWorker       *worker,
                                                            GCancellable          *cancellable,
                                                            GAsyncReadyCallback    callback,
                                                            gpointer               user_data);
gboolean               sl_read_importer_run_finish         (SlReadImporter        *self,
                                                            GAsyncResult          *result,
                                                            GError               **error);
const SlImportSummary *sl_read_importer_get_summary        (SlReadImporter        *self);

gboolean               sl_import_problems_export_csv       (SlProject             *project,
                                                            gint64                 dataset_id,
                                                            const char            *path,
                                                            GError               **error);

G_END_DECLS
