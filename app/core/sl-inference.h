/* sl-inference.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sl-visibility.h"

G_BEGIN_DECLS

/* What a recipient of one vehicle's reads can work out from them, the way
 * vendor "locate" and "associate" analyses do (docs/inference.md). Every
 * result carries the reads it rests on, the rule and the thresholds, and a
 * confidence in [0, 1] whose basis docs/inference.md states. */

/* The rules' parameters; sl_inference_thresholds_init() gives the defaults,
 * which are also the GSettings defaults (inference-* keys). Hours are local
 * hours of the day, [start, end) and wrapping past midnight when
 * start > end. */
typedef struct
{
  guint  night_start_hour;
  guint  night_end_hour;
  guint  work_start_hour;
  guint  work_end_hour;
  /* Side of the grid cells reads are grouped by, in metres. */
  double cell_size_m;
  /* Home and work need at least this many distinct days (nights). */
  guint  min_days;
  /* Days of support at which the day factor of a confidence reaches 1. */
  guint  full_confidence_days;
  /* Companions: seen within ±window_s at the same camera, at
   * >= min_places distinct places on >= min_days distinct days. */
  guint  companion_window_s;
  guint  companion_min_places;
  guint  companion_min_days;
  /* Two places are the same place when their centres are this close. */
  double uniqueness_radius_m;
} SlInferenceThresholds;

/* One read as inference needs it. */
typedef struct
{
  gint64 id;
  gint64 time;
  double latitude;
  double longitude;
  /* 0 when the source named no camera. */
  gint64 camera_id;
} SlInferenceRead;

/* Where reads of the vehicle group: cells merged around the densest. */
typedef struct
{
  double  latitude;
  double  longitude;
  guint   n_reads;
  /* Distinct local calendar days with a read here. */
  guint   n_days;
  /* Local time pattern: reads per hour of day, per weekday (Monday = 0). */
  guint   hours[24];
  guint   weekdays[7];
  /* (element-type gint64): ids of the reads, in time order */
  GArray *read_ids;
} SlInferencePlace;

/* Likely home or likely work. */
typedef struct
{
  gboolean found;
  /* Index into SlInference.places. */
  guint    place;
  /* Reads in the rule's time window, and how many of them at the place. */
  guint    n_window_reads;
  guint    n_place_reads;
  /* Distinct days (for home: nights) with such a read at the place. */
  guint    n_days;
  /* share of window reads at the place × min (1, n_days / full days) */
  double   confidence;
  /* (element-type gint64): the window reads at the place */
  GArray  *read_ids;
} SlInferenceAnchor;

typedef struct
{
  char   *plate;
  gint64  plate_id;
  /* Co-sightings: reads of the vehicle with the other plate at the same
   * camera within the window; distinct places and local days of them. */
  guint   n_sightings;
  guint   n_places;
  guint   n_days;
  /* n_days / the vehicle's days with a read */
  double  confidence;
  /* (element-type gint64): the vehicle's reads that were co-sightings */
  GArray *read_ids;
} SlInferenceCompanion;

typedef struct
{
  SlInferenceThresholds  thresholds;
  char                  *time_zone;
  guint                  n_reads;
  guint                  n_days;
  /* (element-type SlInferencePlace): by distinct days, then reads */
  GArray                *places;
  SlInferenceAnchor      home;
  SlInferenceAnchor      work;
  /* Reads per local weekday (Monday = 0) and hour. */
  guint                  heatmap[7][24];

  /* Filled by sl_inference_find_companions(). */
  gboolean               has_companions;
  /* (element-type SlInferenceCompanion): by days, then sightings */
  GArray                *companions;

  /* Filled by sl_inference_compute_uniqueness(): vehicles of the project
   * (this one included) whose two top places are this vehicle's two top
   * places; 0 when it has fewer than two places. n_candidates: vehicles
   * seen near both, whose places were computed. */
  gboolean               has_uniqueness;
  guint                  n_sharing_top_places;
  guint                  n_uniqueness_candidates;
} SlInference;

/* Which reads inference may use: those @node can see at @as_of (SL_TIME_MAX:
 * ever) under @visibility's scenario, or every read when @visibility is
 * NULL (the project owner's view). */
typedef struct
{
  SlVisibility *visibility;
  guint         node;
  gint64        as_of;
} SlInferenceView;

/* A project's memo of top places (sl_inference_cache_new()). */
typedef struct _SlInferenceCache SlInferenceCache;

void         sl_inference_thresholds_init     (SlInferenceThresholds        *thresholds);
void         sl_inference_thresholds_load     (SlInferenceThresholds        *thresholds,
                                               GSettings                    *settings);
GTimeZone   *sl_inference_get_time_zone       (SlProject                    *project);

gboolean     sl_inference_view_sees           (const SlInferenceView        *view,
                                               gint64                        plate_id,
                                               gint64                        time,
                                               gint64                        owner_id);
gboolean     sl_inference_owner_holds         (SlVisibility                 *visibility,
                                               gint64                        plate_id,
                                               gint64                        time,
                                               gint64                        owner_id,
                                               gint64                        as_of);
GArray      *sl_inference_load_reads          (SlProject                    *project,
                                               gint64                        plate_id,
                                               const SlInferenceView        *view,
                                               GError                      **error);

SlInference *sl_inference_new                 (const SlInferenceRead        *reads,
                                               guint                         n_reads,
                                               GTimeZone                    *time_zone,
                                               const SlInferenceThresholds  *thresholds);
gboolean     sl_inference_find_companions     (SlInference                  *self,
                                               SlProject                    *project,
                                               gint64                        plate_id,
                                               const SlInferenceView        *view,
                                               GError                      **error);
gboolean     sl_inference_compute_uniqueness  (SlInference                  *self,
                                               SlProject                    *project,
                                               gint64                        plate_id,
                                               GError                      **error);
gboolean     sl_inference_compute_uniqueness_cached (SlInference            *self,
                                                     SlProject              *project,
                                                     gint64                  plate_id,
                                                     SlInferenceCache       *cache,
                                                     GError                **error);
SlInference *sl_inference_dup_top_places      (const SlInference            *self);
SlInferenceCache *sl_inference_cache_new       (void);
gboolean     sl_inference_cache_warm          (SlInferenceCache             *cache,
                                               SlProject                    *project,
                                               GTimeZone                    *zone,
                                               const SlInferenceThresholds  *thresholds,
                                               gint64                        budget_us,
                                               gboolean                     *done,
                                               GError                      **error);
guint        sl_inference_cache_get_size      (SlInferenceCache             *cache);
double       sl_inference_cache_get_progress  (SlInferenceCache             *cache);
gboolean     sl_inference_cache_is_ready      (SlInferenceCache             *cache,
                                               const SlInference            *inference);
void         sl_inference_cache_free          (SlInferenceCache             *cache);
SlInference *sl_inference_run                 (SlProject                    *project,
                                               gint64                        plate_id,
                                               const SlInferenceView        *view,
                                               const SlInferenceThresholds  *thresholds,
                                               GError                      **error);
void         sl_inference_free                (SlInference                  *self);

typedef enum
{
  SL_INFERENCE_RULE_HOME,
  SL_INFERENCE_RULE_WORK,
  SL_INFERENCE_RULE_COMPANION,
} SlInferenceRule;

char        *sl_inference_dup_rule            (const SlInferenceThresholds  *thresholds,
                                               SlInferenceRule               rule);

double       sl_inference_distance_m          (double                        lat1,
                                               double                        lon1,
                                               double                        lat2,
                                               double                        lon2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlInference, sl_inference_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlInferenceCache, sl_inference_cache_free)

G_END_DECLS
