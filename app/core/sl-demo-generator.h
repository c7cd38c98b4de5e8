/* sl-demo-generator.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-project.h"

G_BEGIN_DECLS

#define SL_DEMO_GENERATOR_ERROR (sl_demo_generator_error_quark ())

typedef enum
{
  SL_DEMO_GENERATOR_ERROR_INVALID_ARGUMENT,
  SL_DEMO_GENERATOR_ERROR_DATA,
} SlDemoGeneratorError;

/* The first day simulated, in local (America/New_York) time. */
#define SL_DEMO_START_YEAR  2019
#define SL_DEMO_START_MONTH 1
#define SL_DEMO_START_DAY   14

#define SL_DEMO_DEFAULT_VEHICLES 2000
#define SL_DEMO_DEFAULT_DAYS     60
#define SL_DEMO_DEFAULT_SEED     2019

typedef enum
{
  SL_DEMO_SHIFT_DAY,
  SL_DEMO_SHIFT_NIGHT,
  SL_DEMO_SHIFT_WEEKEND,
  SL_DEMO_SHIFT_NONE,
  SL_DEMO_SHIFT_VISITOR,
} SlDemoShift;

/* One plate read. Coordinates are integer micro-degrees so that nothing
 * downstream depends on how a locale prints a double. */
typedef struct
{
  const char *plate;
  gint64      time;           /* seconds since the Unix epoch, UTC */
  gint32      latitude_e6;
  gint32      longitude_e6;
  const char *camera;
  const char *agency;
} SlDemoRead;

/* What the generator knows about one vehicle: the ground truth inference
 * is scored against. */
typedef struct
{
  const char  *plate;
  const char  *story;         /* story key, NULL for background vehicles */
  const char  *description;   /* the story's documented life, or NULL */
  SlDemoShift  shift;
  const char  *home_town;
  gint32       home_latitude_e6;
  gint32       home_longitude_e6;
  const char  *work_town;     /* NULL when the vehicle has no workplace */
  gint32       work_latitude_e6;
  gint32       work_longitude_e6;
  const char  *companion;     /* plate of the vehicle it travels with, or NULL */
} SlDemoVehicle;

/* A place a story vehicle visits on a schedule (e.g. weekly). */
typedef struct
{
  const char *plate;
  const char *label;
  gint32      latitude_e6;
  gint32      longitude_e6;
  const char *schedule;
} SlDemoPlace;

typedef gboolean (*SlDemoReadFunc) (const SlDemoRead  *read,
                                    gpointer           user_data,
                                    GError           **error);

#define SL_TYPE_DEMO_GENERATOR (sl_demo_generator_get_type ())

G_DECLARE_FINAL_TYPE (SlDemoGenerator, sl_demo_generator, SL, DEMO_GENERATOR, GObject)

GQuark                sl_demo_generator_error_quark      (void);
const char           *sl_demo_shift_to_string            (SlDemoShift           shift);
SlDemoGenerator      *sl_demo_generator_new              (guint                 n_vehicles,
                                                          guint                 n_days,
                                                          guint64               seed,
                                                          GError              **error);
guint                 sl_demo_generator_get_n_vehicles   (SlDemoGenerator      *self);
gboolean              sl_demo_generator_set_n_agencies   (SlDemoGenerator      *self,
                                                          guint                 n_agencies,
                                                          GError              **error);
guint                 sl_demo_generator_get_n_agencies   (SlDemoGenerator      *self);
guint                 sl_demo_get_n_own_agencies         (void);
guint                 sl_demo_get_max_agencies           (void);
guint                 sl_demo_generator_get_n_days       (SlDemoGenerator      *self);
guint64               sl_demo_generator_get_seed         (SlDemoGenerator      *self);
gint64                sl_demo_generator_get_start_time   (SlDemoGenerator      *self);
gint64                sl_demo_generator_get_end_time     (SlDemoGenerator      *self);
void                  sl_demo_generator_get_vehicle      (SlDemoGenerator      *self,
                                                          guint                 index,
                                                          SlDemoVehicle        *vehicle);
gboolean              sl_demo_generator_find_vehicle     (SlDemoGenerator      *self,
                                                          const char           *plate,
                                                          SlDemoVehicle        *vehicle);
guint                 sl_demo_generator_get_n_places     (SlDemoGenerator      *self);
void                  sl_demo_generator_get_place        (SlDemoGenerator      *self,
                                                          guint                 index,
                                                          SlDemoPlace          *place);
gboolean              sl_demo_generator_foreach_read     (SlDemoGenerator      *self,
                                                          SlDemoReadFunc        func,
                                                          gpointer              user_data,
                                                          GError              **error);
gboolean              sl_demo_generator_write_reads_csv  (SlDemoGenerator      *self,
                                                          const char           *path,
                                                          guint64              *n_reads,
                                                          GError              **error);
gboolean              sl_demo_generator_write_agencies_csv  (SlDemoGenerator  *self,
                                                             const char       *path,
                                                             GError          **error);
gboolean              sl_demo_generator_write_sharing_csv   (SlDemoGenerator  *self,
                                                             const char       *path,
                                                             GError          **error);
gboolean              sl_demo_generator_write_scenario_json (SlDemoGenerator  *self,
                                                             guint             index,
                                                             const char       *path,
                                                             GError          **error);
gboolean              sl_demo_generator_write_csv           (SlDemoGenerator  *self,
                                                             const char       *directory,
                                                             guint64          *n_reads,
                                                             GError          **error);
gboolean              sl_demo_generator_store_ground_truth  (SlDemoGenerator  *self,
                                                             SlProject        *project,
                                                             GError          **error);
gboolean              sl_demo_generator_import              (SlDemoGenerator  *self,
                                                             SlProject        *project,
                                                             const char       *directory,
                                                             GCancellable     *cancellable,
                                                             GError          **error);
gboolean              sl_demo_generator_write_project       (SlDemoGenerator  *self,
                                                             const char       *path,
                                                             const char       *csv_directory,
                                                             guint64          *n_reads,
                                                             GCancellable     *cancellable,
                                                             GError          **error);
void                  sl_demo_remove_csv                    (const char       *directory);
char                 *sl_demo_ensure_user_project           (GCancellable     *cancellable,
                                                             GError          **error);
guint                 sl_demo_get_n_scenarios    (void);
const char           *sl_demo_get_scenario_name  (guint                 index);
const char           *sl_demo_get_scenario_file  (guint                 index);
char                 *sl_demo_format_time                (gint64                time);
char                 *sl_demo_format_degrees             (gint32                micro_degrees);

G_END_DECLS
