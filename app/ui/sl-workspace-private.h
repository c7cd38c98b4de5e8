/* sl-workspace-private.h
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sl-exposure-pane.h"
#include "sl-flow-diagram.h"
#include "sl-map-view.h"
#include "sl-project-contents.h"
#include "sl-project-worker.h"
#include "sl-read-store.h"
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
  /* The scenario chosen in the sidebar, NULL for the project's default;
   * and which session request is the latest, so older ones are dropped. */
  char               *scenario;
  guint               what_if_serial;

  /* Template widgets */
  GtkWidget          *sidebar;
  GtkSearchEntry     *plate_entry;
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

G_END_DECLS
