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
};

G_END_DECLS
