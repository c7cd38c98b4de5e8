/* sl-project-contents.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-project.h"
#include "sl-read-set.h"

G_BEGIN_DECLS

/* Agencies beyond this many (with reads) share the last read-set index: the
 * read set keeps the owner in one byte. */
#define SL_PROJECT_CONTENTS_MAX_AGENCIES 256

/* How often (in reads) the loader reports progress and checks for
 * cancellation: about 150 times for ten million reads. */
#define SL_PROJECT_CONTENTS_PROGRESS_STEP (1u << 16)

/* One agency that owns reads, as the sidebar lists it. */
typedef struct
{
  gint64  id;
  char   *name;
  /* Its index in the read set (the map's colour). */
  guint8  index;
  guint64 n_reads;
} SlContentsAgency;

/* One imported file and its provenance. */
typedef struct
{
  gint64  id;
  char   *file_name;
  char   *file_path;
  char   *sha256;
  gint64  imported_at;
  gint64  rows_imported;
  gint64  rows_skipped;
  gint64  rows_duplicate;
  /* NULL when the file had an agency column. */
  char   *owner_agency;
} SlContentsDataset;

typedef struct
{
  gint64  id;
  char   *name;
  /* NULL when none was given. */
  char   *description;
  /* NULL for a base scenario. */
  char   *parent;
} SlContentsScenario;

/* What a window shows of an open project: every read, ready for the map,
 * and the lists of the sidebar. Built on the thread that owns the
 * project's connection; read-only afterwards. */
typedef struct
{
  SlReadSet  *reads;
  /* Read-set agency index → agencies.id, and names by index
   * (NULL-terminated, for sl_map_view_set_reads()). */
  GArray     *agency_ids;
  char      **agency_names;
  /* SlContentsAgency, SlContentsDataset, SlContentsScenario: agencies with
   * reads by read count (most first), the others in id order. */
  GPtrArray  *agencies;
  GPtrArray  *datasets;
  GPtrArray  *scenarios;
  /* project_meta "synthetic" is "true": a generated demo project. */
  gboolean    synthetic;
  /* The reads came from the read cache, not from the reads table. */
  gboolean    reads_from_cache;
  /* The read cache holds the reads (they came from it or were sorted
   * into it): sl_project_contents_save_cache() has nothing to do. */
  gboolean    reads_kept;
  /* For sl_project_contents_save_cache(): where and as which state of the
   * project the reads are kept. */
  char       *cache_path;
  char       *cache_stamp;
} SlProjectContents;

/* Called on the loading thread now and then with the reads loaded so far
 * and an estimate of the total. */
typedef void (*SlContentsProgressFunc) (guint64  n_loaded,
                                        guint64  n_expected,
                                        gpointer user_data);

SlProjectContents *sl_project_contents_load (SlProject               *project,
                                             SlContentsProgressFunc   progress,
                                             gpointer                 user_data,
                                             GCancellable            *cancellable,
                                             GError                 **error);
SlProjectContents *sl_project_contents_ref  (SlProjectContents       *contents);
void               sl_project_contents_free (SlProjectContents       *contents);
gboolean           sl_project_contents_save_cache (SlProjectContents  *contents,
                                                   GError            **error);
char              *sl_project_contents_dup_cache_path (SlProject *project);
gboolean           sl_project_contents_note_reads_changed (SlProject *project,
                                                           GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlProjectContents, sl_project_contents_free)

G_END_DECLS
