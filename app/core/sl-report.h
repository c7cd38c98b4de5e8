/* sl-report.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-inference.h"
#include "sl-what-if.h"

G_BEGIN_DECLS

/* A vehicle exposure report (docs/reports.md): what every agency can see of
 * one vehicle's reads under a scenario, at an instant, what one or more
 * agencies can infer from them, what a what-if changed, and where the data
 * came from. The model is plain data so every writer (HTML, CSV, PDF)
 * shows the same figures. */

#define SL_REPORT_ERROR (sl_report_error_quark ())

typedef enum
{
  SL_REPORT_ERROR_UNKNOWN_PLATE,
  SL_REPORT_ERROR_UNKNOWN_AGENCY,
  SL_REPORT_ERROR_UNKNOWN_FORMAT,
} SlReportError;

typedef enum
{
  SL_REPORT_FORMAT_HTML,
  SL_REPORT_FORMAT_CSV,
  SL_REPORT_FORMAT_PDF,
  SL_REPORT_FORMAT_GEOJSON,
  SL_REPORT_FORMAT_TRACK_CSV,
} SlReportFormat;

typedef struct
{
  const char           *plate;
  /* NULL: inferences for the most-exposed federal immigration recipient,
   * else the most-exposed agency that does not own reads of the vehicle. */
  const char           *agency;
  /* NULL: the project's default scenario. */
  const char           *scenario;
  /* SL_TIME_MAX: everything ever visible. */
  gint64                as_of;
  /* What-if edits applied on top of the scenario, in order. */
  const SlScenarioEdit *edits;
  guint                 n_edits;
} SlReportOptions;

/* One viewer of the vehicle's reads. */
typedef struct
{
  char          *name;
  /* "agency", or "unlisted" for a pool's members nobody listed. */
  const char    *kind;
  SlViewerGroup  group;
  gboolean       owner;
  guint          n_reads;
  gint64         first;
  /* SL_TIME_MAX when visibility never ends (unknown retention). */
  gint64         last;
  char          *path;
  /* Under the scenario before the what-if edits (equal without edits). */
  guint          n_reads_before;
} SlReportViewer;

typedef struct
{
  char   *file_name;
  char   *sha256;
  gint64  imported_at;
  /* NULL when the file had an agency column. */
  char   *owner_agency;
  gint64  rows_read;
  gint64  rows_imported;
  gint64  rows_skipped;
  gint64  rows_duplicate;
  /* Reads of this vehicle the dataset holds. */
  guint   n_vehicle_reads;
} SlReportDataset;

/* What one agency can infer; inference is NULL when it sees no read. */
typedef struct
{
  char        *agency;
  SlInference *inference;
} SlReportInference;

/* One read of a track: what an agency sees. */
typedef struct
{
  gint64  id;
  gint64  time;
  double  latitude;
  double  longitude;
  char   *camera;
  char   *owner;
} SlReportTrackPoint;

/* What one agency sees of the vehicle's movements. */
typedef struct
{
  char      *plate;
  /* NULL when no agency but the owners sees a read. */
  char      *agency;
  /* SlReportTrackPoint, in time order */
  GPtrArray *points;
} SlReportTrack;

typedef struct
{
  /* The plate as stored: the pseudonym in a pseudonymised project. */
  char       *plate;
  gboolean    pseudonymous;
  char       *project_name;
  char       *scenario;
  gint64      as_of;
  gint64      generated_at;
  gboolean    synthetic;
  guint       n_reads;
  gint64      first_read;
  gint64      last_read;
  /* SlReportViewer: by reads (most first), then name; owners included. */
  GPtrArray  *viewers;
  /* Descriptions of the what-if edits, and the change in plain words
   * (NULL without edits). */
  GPtrArray  *edits;
  char       *change_summary;
  /* SlReportInference */
  GPtrArray  *inferences;
  /* SlReportDataset: those holding reads of the vehicle, by id. */
  GPtrArray  *datasets;
} SlReport;

GQuark          sl_report_error_quark        (void);

SlReport       *sl_report_build              (SlProject              *project,
                                              const SlReportOptions  *options,
                                              GCancellable           *cancellable,
                                              GError                **error);
void            sl_report_free               (SlReport               *report);
const SlReportViewer *sl_report_find_viewer  (SlReport               *report,
                                              const char             *name);

gboolean        sl_report_format_from_path   (const char             *path,
                                              SlReportFormat         *format,
                                              GError                **error);

char           *sl_report_to_html            (SlReport               *report);
char           *sl_report_to_csv             (SlReport               *report);

SlReportTrack  *sl_report_track_load         (SlProject              *project,
                                              const SlReportOptions  *options,
                                              GError                **error);
void            sl_report_track_free         (SlReportTrack          *track);
char           *sl_report_track_to_geojson   (SlReportTrack          *track);
char           *sl_report_track_to_csv       (SlReportTrack          *track);

gboolean        sl_report_write              (SlProject              *project,
                                              const SlReportOptions  *options,
                                              SlReportFormat          format,
                                              const char             *path,
                                              GCancellable           *cancellable,
                                              GError                **error);

/* The report as a document: what the HTML and PDF writers lay out. */
typedef enum
{
  SL_REPORT_BLOCK_TITLE,
  SL_REPORT_BLOCK_HEADING,
  SL_REPORT_BLOCK_PARAGRAPH,
  SL_REPORT_BLOCK_NOTICE,
  SL_REPORT_BLOCK_TABLE,
} SlReportBlockType;

typedef struct
{
  SlReportBlockType  type;
  char              *text;
  /* Tables: header names, then rows of as many cells. */
  GStrv              header;
  GPtrArray         *rows;
} SlReportBlock;

GPtrArray      *sl_report_to_blocks          (SlReport               *report);
const char     *sl_report_get_synthetic_notice (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlReport, sl_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlReportTrack, sl_report_track_free)

G_END_DECLS
