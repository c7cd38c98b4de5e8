/* sl-workspace-private.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-agency-compare.h"
#include "sl-as-of-bar.h"
#include "sl-exposure-pane.h"
#include "sl-flow-diagram.h"
#include "sl-inference.h"
#include "sl-inference-pane.h"
#include "sl-map-view.h"
#include "sl-project-contents.h"
#include "sl-project-worker.h"
#include "sl-history.h"
#include "sl-read-store.h"
#include "sl-vehicle-list.h"
#include "sl-workspace.h"

G_BEGIN_DECLS

struct _SlWorkspace
{
  AdwBin              parent_instance;

  /* The window's connection, for the little the main thread reads (the
   * saved map position); everything else goes through the worker's. */
  SlProject          *project;
  SlProjectWorker    *worker;
  /* A read-only connection on a thread of its own for the long reading
   * after opening (contents, counts, check, vehicle ranking, the memo of
   * top places), so a selection on the worker never queues behind it: the
   * project is in WAL mode, and this one sees each committed state. */
  SlProjectWorker    *reader;
  GCancellable       *cancellable;
  SlProjectContents  *contents;
  SlReadStoreSummary  summary;
  gboolean            has_summary;
  guint               n_pending;
  guint               progress_source;
  /* The load task's, while it runs. */
  struct _LoadProgress *progress;
  /* Names of the overlay layers added to the map for this project. */
  GPtrArray          *overlay_names;
  char               *track_plate;
  /* Vehicles shown, for back and forward; and which plate request is the
   * latest, so a slower older one does not replace it. */
  SlHistory          *history;
  guint               plate_serial;
  /* The comparison window of the shown session, if open; and agencies to
   * compare once the session of the vehicle on the way is there. */
  SlAgencyCompare    *compare_window;
  char               *compare_pending[2];
  /* The scenario chosen in the sidebar, NULL for the project's default;
   * and which session request is the latest, so older ones are dropped. */
  char               *scenario;
  guint               what_if_serial;
  /* The session shown, and the vehicle's reads (SlRead) it is about. */
  SlWhatIf           *what_if;
  GArray             *track_reads;
  /* The agency whose view the map and the inference pane show, by name so
   * it survives a change of scenario or vehicle; and its node in the
   * session, G_MAXUINT when it has none. */
  char               *agency;
  guint               agency_node;
  /* Home, work and top places of the inference shown, over the reads. */
  SlOverlayLayer     *places_layer;
  /* The agency's share of the vehicle's reads, as on the map. */
  SlReadSet          *agency_reads;
  /* Owner/recipient name pairs asked for before the session arrived. */
  GPtrArray          *pending_unticks;
  guint               inference_serial;
  /* A new session's result while it is applied: its inference, worked
   * out with it for the agency selected then (struct in sl-workspace.c). */
  struct _WhatIfResult *prefetched;
  /* The serial of the last request answered (or needing no answer). */
  guint               inference_serial_done;
  GSettings          *settings;
  /* Used on the worker only; lives as long as the worker. Filled in
   * steps after loading, while warming is set. */
  SlInferenceCache   *inference_cache;
  gboolean            warming;
  /* The memo as the main thread last heard of it: how far warming is,
   * whether it is complete (or failed: uniqueness is then computed the
   * slow way); and for tests, how many more steps may run (G_MAXUINT: no
   * limit; steps of one run of plates while limited). */
  double              warm_progress;
  gboolean            memo_ready;
  gboolean            warm_failed;
  guint               warm_steps_allowed;
  /* A selection's tasks on the worker (plate, session, inference) not yet
   * answered; warming waits for them (warm_paused) so that on two cores
   * the reader does not take the selection's CPU. */
  guint               n_selection_tasks;
  gboolean            warm_paused;
  /* The inference shown waits for its uniqueness figure, counted for
   * the request of uniqueness_serial once the memo is ready, of the
   * vehicle inference_plate_id. */
  gboolean            uniqueness_waits;
  guint               uniqueness_serial;
  gint64              inference_plate_id;
  /* The selected agency's last likely home, for the what-if banner. */
  guint               home_node;
  gboolean            home_known;
  gboolean            home_found;
  double              home_latitude;
  double              home_longitude;
  /* The banner waits for the edit's inference to say what became of the
   * likely home: the summary, and the home before the edit. */
  char               *banner_summary;
  gboolean            banner_waits;
  gboolean            banner_home_valid;
  gboolean            banner_home_found;
  double              banner_home_latitude;
  double              banner_home_longitude;

  /* Template widgets */
  GtkWidget          *sidebar;
  GtkSearchEntry     *plate_entry;
  SlVehicleList      *vehicle_list;
  GtkListBox         *datasets_list;
  GtkListBox         *agencies_list;
  GtkListBox         *scenarios_list;
  GtkListBox         *overlays_list;
  SlMapView          *map_view;
  GtkWidget          *loading_box;
  GtkProgressBar     *loading_bar;
  GtkWidget          *details;
  GtkWidget          *track_group;
  AdwActionRow       *track_row;
  GtkWidget          *exposure_box;
  GtkWidget          *project_box;
  GtkRevealer        *what_if_banner;
  GtkWidget          *banner_close_button;
  GtkLabel           *what_if_label;
  GtkWidget          *page_switcher;
  AdwViewStack       *details_stack;
  SlInferencePane    *inference_pane;
  GtkWidget          *agency_filter_box;
  GtkLabel           *agency_filter_label;
  GtkWidget          *all_reads_button;
  GtkLabel           *exposure_status;
  SlAsOfBar          *as_of_bar;
  SlExposurePane     *exposure_pane;
  SlFlowDiagram      *flow_diagram;
  GtkWidget          *hint_label;
  AdwActionRow       *reads_row;
  AdwActionRow       *plates_row;
  AdwActionRow       *agencies_row;
  AdwActionRow       *cameras_row;
  AdwActionRow       *span_row;
  GtkWidget          *about_data_button;
  GtkWidget          *sidebar_button;
  GtkWidget          *details_button;
};

/* What the Save as Scenario dialog checks and does, for tests. */
char     *sl_workspace_check_scenario_name (SlWorkspace  *self,
                                            const char   *name);
gboolean  sl_workspace_save_scenario       (SlWorkspace  *self,
                                            const char   *name,
                                            GError      **error);
gboolean  sl_workspace_is_inferring        (SlWorkspace  *self);
void      sl_workspace_limit_warming       (SlWorkspace  *self,
                                            guint         n_steps);

G_END_DECLS
