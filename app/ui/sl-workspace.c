/* sl-workspace.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-workspace"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "sl-map-overlays.h"
#include "sl-mercator.h"
#include "sl-reads-layer.h"
#include "sl-vehicle-ranking.h"
#include "sl-window.h"
#include "sl-workspace-private.h"

/* What the window shows for an open project: the sidebar (datasets,
 * agencies, scenarios, overlay layers), the map with its timeline, and a
 * details pane. Everything is read on the project's worker thread, over a
 * second connection, so a project of millions of reads never blocks the
 * window; the map and basemap show at once and the reads arrive after. */

G_DEFINE_FINAL_TYPE (SlWorkspace, sl_workspace, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PROJECT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Written by the worker, read by a main-thread timeout. */
struct _LoadProgress
{
  gint permille;
};
typedef struct _LoadProgress LoadProgress;

typedef struct
{
  SlProjectContents *contents;
  GPtrArray         *overlays;     /* SlMapOverlay */
  GPtrArray         *geographies;  /* SlGeography, NULL where it did not parse */
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->contents, sl_project_contents_free);
  g_clear_pointer (&result->overlays, g_ptr_array_unref);
  g_clear_pointer (&result->geographies, g_ptr_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

SlProject *
sl_workspace_get_project (SlWorkspace *self)
{
  g_return_val_if_fail (SL_IS_WORKSPACE (self), NULL);

  return self->project;
}

/**
 * sl_workspace_is_loading:
 *
 * Returns: whether the project's reads or summary are still being read
 */
gboolean
sl_workspace_is_loading (SlWorkspace *self)
{
  g_return_val_if_fail (SL_IS_WORKSPACE (self), FALSE);

  return self->n_pending > 0;
}

/**
 * sl_workspace_is_synthetic:
 *
 * Returns: whether the loaded project is a generated demo
 */
gboolean
sl_workspace_is_synthetic (SlWorkspace *self)
{
  g_return_val_if_fail (SL_IS_WORKSPACE (self), FALSE);

  return self->contents != NULL && self->contents->synthetic;
}

static void
show_error (SlWorkspace  *self,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast;

  /* The toast is the report; a warning would abort a test that checks
   * how a damaged project is handled. */
  g_debug ("%s", error->message);
  if (!SL_IS_WINDOW (root))
    return;
  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 0);
  sl_window_add_toast (SL_WINDOW (root), toast);
}

static char *
format_count (guint64 count)
{
  /* The ' flag groups digits as the locale does (1,234,567 in English). */
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, count);
}

static char *
format_date (gint64 utc)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (utc);
  g_autoptr(GDateTime) local = NULL;

  /* The reads' zone, as the map's timeline shows them. */
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (time, zone);

  /* Translators: a date in the project summary and dataset details, see
   * g_date_time_format(). */
  return g_date_time_format (local, _("%-d %b %Y"));
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_placeholder_row (GtkListBox *list,
                     const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (list, row);
}

static GtkWidget *
count_label (guint64 count)
{
  g_autofree char *text = format_count (count);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* Agencies that own no reads are listed one by one up to this many; past
 * it (a national pool of thousands of recipients) they are one row, as
 * thousands of rows would take seconds to build when the project opens. */
#define MAX_IDLE_AGENCY_ROWS 20

static void
fill_agencies (SlWorkspace *self)
{
  GPtrArray *agencies = self->contents->agencies;
  guint n_idle = 0;

  clear_list (self->agencies_list);
  for (guint i = 0; i < agencies->len; i++)
    n_idle += ((SlContentsAgency *) agencies->pdata[i])->n_reads == 0;
  for (guint i = 0; i < agencies->len; i++)
    {
      SlContentsAgency *agency = agencies->pdata[i];
      GtkWidget *row;
      GtkWidget *swatch;

      if (agency->n_reads == 0 && n_idle > MAX_IDLE_AGENCY_ROWS)
        continue;
      row = adw_action_row_new ();
      swatch = gtk_label_new (NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), agency->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (agency->n_reads > 0)
        {
          g_autofree char *markup = NULL;
          GdkRGBA color;

          sl_reads_layer_get_agency_color (agency->index, &color);
          markup = g_strdup_printf ("<span foreground=\"#%02x%02x%02x\">●</span>",
                                    (int) (color.red * 255), (int) (color.green * 255),
                                    (int) (color.blue * 255));
          gtk_label_set_markup (GTK_LABEL (swatch), markup);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label (agency->n_reads));
        }
      else
        {
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Owns no reads here"));
        }
      /* Keeps titles aligned whether or not the agency has a colour. */
      gtk_widget_set_size_request (swatch, 16, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), swatch);
      g_object_set_data (G_OBJECT (row), "sl-agency", agency);
      gtk_list_box_append (self->agencies_list, row);
    }
  if (n_idle > MAX_IDLE_AGENCY_ROWS)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *count = format_count (n_idle);
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s other agency",
                                                             "%s other agencies", n_idle), count);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Own no reads here; the exposure pane lists those "
                                                            "that see a vehicle"));
      gtk_list_box_append (self->agencies_list, row);
    }
  if (agencies->len == 0)
    add_placeholder_row (self->agencies_list, _("No agencies yet"));
}

static void
fill_datasets (SlWorkspace *self)
{
  GPtrArray *datasets = self->contents->datasets;

  clear_list (self->datasets_list);
  for (guint i = 0; i < datasets->len; i++)
    {
      SlContentsDataset *dataset = datasets->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *imported = format_date (dataset->imported_at);
      g_autofree char *rows = format_count (dataset->rows_imported);
      g_autofree char *skipped = format_count (dataset->rows_skipped);
      g_autofree char *duplicate = format_count (dataset->rows_duplicate);
      g_autofree char *subtitle = NULL;
      g_autofree char *tooltip = NULL;

      /* Translators: under a dataset's file name: when it was imported. */
      subtitle = g_strdup_printf (_("Imported %s"), imported);
      /* Translators: the provenance of an imported file: its path, owner,
       * SHA-256 and what became of its rows. */
      tooltip = g_strdup_printf (_("%s\nOwner: %s\nSHA-256: %s\nReads imported: %s, skipped: %s, "
                                   "duplicates dropped: %s"),
                                 dataset->file_path,
                                 dataset->owner_agency != NULL ? dataset->owner_agency
                                                               : _("named on each row"),
                                 dataset->sha256, rows, skipped, duplicate);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dataset->file_name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), count_label (dataset->rows_imported));
      gtk_widget_set_tooltip_text (row, tooltip);
      gtk_list_box_append (self->datasets_list, row);
    }
  if (datasets->len == 0)
    add_placeholder_row (self->datasets_list, _("No plate reads imported yet"));
}

static void
fill_scenarios (SlWorkspace *self)
{
  GPtrArray *scenarios = self->contents->scenarios;

  clear_list (self->scenarios_list);
  for (guint i = 0; i < scenarios->len; i++)
    {
      SlContentsScenario *scenario = scenarios->pdata[i];
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), scenario->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      if (scenario->parent != NULL)
        {
          /* Translators: a sharing scenario made by editing another. */
          g_autofree char *subtitle = g_strdup_printf (_("Changes “%s”"), scenario->parent);

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      if (scenario->description != NULL)
        gtk_widget_set_tooltip_text (row, scenario->description);
      /* The contents outlive the list's rows: reset() clears both. */
      g_object_set_data (G_OBJECT (row), "sl-scenario", scenario->name);
      gtk_list_box_append (self->scenarios_list, row);
    }
  if (scenarios->len == 0)
    add_placeholder_row (self->scenarios_list, _("No sharing configuration imported yet"));
}

static void
save_overlay_visibility (GTask        *task,
                         SlProject    *project,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GError *error = NULL;
  const char *name = task_data;
  gboolean visible = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "sl-visible"));

  if (sl_map_overlays_set_visible (project, name, visible, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_overlay_saved (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (SL_WORKSPACE (source), error);
}

static void
on_overlay_switched (GtkSwitch   *toggle,
                     GParamSpec  *pspec,
                     SlWorkspace *self)
{
  const char *name = g_object_get_data (G_OBJECT (toggle), "sl-overlay");
  SlOverlayLayer *layer = sl_map_view_get_overlay (self->map_view, name);
  gboolean visible = gtk_switch_get_active (toggle);
  g_autoptr(GTask) task = NULL;

  if (layer != NULL)
    gtk_widget_set_visible (GTK_WIDGET (layer), visible);
  if (self->worker == NULL)
    return;

  /* Kept in the project, written by the worker's connection. */
  task = g_task_new (self, self->cancellable, on_overlay_saved, NULL);
  g_task_set_task_data (task, g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (task), "sl-visible", GINT_TO_POINTER (visible));
  sl_project_worker_queue (self->worker, task, save_overlay_visibility);
}

static void
remove_overlays (SlWorkspace *self)
{
  for (guint i = 0; i < self->overlay_names->len; i++)
    sl_map_view_remove_overlay (self->map_view, self->overlay_names->pdata[i]);
  g_ptr_array_set_size (self->overlay_names, 0);
}

static void
fill_overlays (SlWorkspace *self,
               LoadResult  *result)
{
  remove_overlays (self);
  clear_list (self->overlays_list);

  for (guint i = 0; i < result->overlays->len; i++)
    {
      SlMapOverlay *overlay = result->overlays->pdata[i];
      SlGeography *geography = result->geographies->pdata[i];
      SlOverlayLayer *layer;
      GtkWidget *row;
      GtkWidget *toggle;
      GdkRGBA color;

      if (geography == NULL)
        continue;
      layer = sl_map_view_add_overlay (self->map_view, overlay->name, geography);
      if (gdk_rgba_parse (&color, overlay->color))
        sl_overlay_layer_set_color (layer, &color);
      gtk_widget_set_visible (GTK_WIDGET (layer), overlay->visible);
      g_ptr_array_add (self->overlay_names, g_strdup (overlay->name));

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), overlay->name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      toggle = gtk_switch_new ();
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (toggle), overlay->visible);
      g_object_set_data_full (G_OBJECT (toggle), "sl-overlay", g_strdup (overlay->name), g_free);
      g_signal_connect (toggle, "notify::active", G_CALLBACK (on_overlay_switched), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      gtk_list_box_append (self->overlays_list, row);
    }
  if (self->overlay_names->len == 0)
    add_placeholder_row (self->overlays_list, _("No overlay layers"));
}

static void
set_pending (SlWorkspace *self,
             guint        n_pending)
{
  gboolean was_loading = self->n_pending > 0;

  self->n_pending = n_pending;
  if (was_loading != (n_pending > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
update_progress (gpointer user_data)
{
  SlWorkspace *self = user_data;

  gtk_progress_bar_set_fraction (self->loading_bar, g_atomic_int_get (&self->progress->permille) / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
stop_progress (SlWorkspace *self)
{
  /* The progress belongs to the load task, which may end later. */
  g_clear_handle_id (&self->progress_source, g_source_remove);
  self->progress = NULL;
  gtk_widget_set_visible (self->loading_box, FALSE);
}

/* Called on the worker thread. */
static void
report_progress (guint64  n_loaded,
                 guint64  n_expected,
                 gpointer user_data)
{
  LoadProgress *progress = user_data;

  g_atomic_int_set (&progress->permille, (gint) MIN (1000, n_loaded * 1000 / MAX (n_expected, 1)));
}

static void
load_contents (GTask        *task,
               SlProject    *project,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);
  GError *error = NULL;

  result->contents = sl_project_contents_load (project, report_progress, task_data, cancellable, &error);
  if (result->contents == NULL || (result->overlays = sl_map_overlays_list (project, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* GeoJSON is parsed here too: a detailed boundary file takes a while. */
  result->geographies = g_ptr_array_new_with_free_func ((GDestroyNotify) sl_geography_unref);
  for (guint i = 0; i < result->overlays->len; i++)
    {
      SlMapOverlay *overlay = result->overlays->pdata[i];
      g_autoptr(GError) local_error = NULL;
      SlGeography *geography = sl_geography_new_from_geojson (overlay->geojson, overlay->name, &local_error);

      /* The project was edited by hand: the other layers still show. */
      if (geography == NULL)
        g_warning ("Skipping map overlay: %s", local_error->message);
      g_ptr_array_add (result->geographies, geography);
    }

  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) load_result_free);
}

/* The top places of every vehicle, for uniqueness figures in well under
 * 100 ms: steps short enough that a selection queued meanwhile waits
 * little (tests/bench-agency-inference.c). */
#define WARM_STEP_US 50000

static void warm_inference_cache (SlWorkspace *self);
static void count_uniqueness (SlWorkspace *self);

typedef struct
{
  SlInferenceThresholds thresholds;
  gint64                budget_us;
} WarmRequest;

typedef struct
{
  gboolean done;
  double   progress;
} WarmState;

static void
warm_step (GTask        *task,
           SlProject    *project,
           gpointer      task_data,
           GCancellable *cancellable)
{
  g_autoptr(GTimeZone) zone = sl_inference_get_time_zone (project);
  SlInferenceCache *cache = g_object_get_data (G_OBJECT (task), "sl-cache");
  WarmRequest *request = task_data;
  WarmState *state = g_new0 (WarmState, 1);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_free (state);
      return;
    }
  if (sl_inference_cache_warm (cache, project, zone, &request->thresholds, request->budget_us, &state->done, &error))
    {
      state->progress = sl_inference_cache_get_progress (cache);
      g_task_return_pointer (task, state, g_free);
    }
  else
    {
      g_free (state);
      g_task_return_error (task, error);
    }
}

static void
on_warm_step_done (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  SlWorkspace *self = SL_WORKSPACE (source);
  g_autoptr(GError) error = NULL;
  g_autofree WarmState *state = g_task_propagate_pointer (G_TASK (res), &error);
  WarmRequest *request = g_task_get_task_data (G_TASK (res));

  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->warming = FALSE;
  if (error != NULL)
    {
      /* Uniqueness still works without the memo, only slower. */
      g_warning ("Could not compute the vehicles’ top places: %s", error->message);
      self->warm_failed = TRUE;
      count_uniqueness (self);
      return;
    }
  self->warm_progress = state->progress;
  /* Done with cells of the size set since, it is not ready for them. */
  self->memo_ready = state->done &&
                     request->thresholds.cell_size_m == g_settings_get_int (self->settings, "inference-cell-size");
  if (self->memo_ready)
    {
      count_uniqueness (self);
      return;
    }
  if (self->uniqueness_waits)
    sl_inference_pane_set_uniqueness_progress (self->inference_pane, self->warm_progress);
  if (self->n_selection_tasks > 0)
    self->warm_paused = TRUE;
  else
    warm_inference_cache (self);
}

static gboolean
resume_warming (gpointer user_data)
{
  SlWorkspace *self = user_data;

  if (self->n_selection_tasks == 0 && self->warm_paused)
    {
      self->warm_paused = FALSE;
      warm_inference_cache (self);
    }
  return G_SOURCE_REMOVE;
}

/* Every queued selection task's callback calls this first, whatever its
 * outcome. Warming goes on once none is left after the callback, which
 * may queue the selection's next task (the session after the plate). */
static void
selection_task_done (SlWorkspace *self)
{
  g_assert (self->n_selection_tasks > 0);
  if (--self->n_selection_tasks == 0 && self->warm_paused)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, resume_warming, g_object_ref (self), g_object_unref);
}

/* The memo for a selection's tasks on the worker: none while the reader
 * warms it, so that they never wait for a step to let go of it (the
 * uniqueness figure is deferred then, see compute_inference()). */
static SlInferenceCache *
memo_for_worker (SlWorkspace *self)
{
  return self->memo_ready || self->warm_failed ? self->inference_cache : NULL;
}

static void
warm_inference_cache (SlWorkspace *self)
{
  g_autoptr(GTask) task = NULL;
  WarmRequest *request;
  gboolean limited = self->warm_steps_allowed != G_MAXUINT;

  if (self->warming || self->reader == NULL || self->inference_cache == NULL || self->warm_steps_allowed == 0)
    return;
  if (limited)
    self->warm_steps_allowed--;
  self->warming = TRUE;
  request = g_new (WarmRequest, 1);
  sl_inference_thresholds_load (&request->thresholds, self->settings);
  request->budget_us = limited ? 0 : WARM_STEP_US;
  task = g_task_new (self, self->cancellable, on_warm_step_done, NULL);
  g_task_set_task_data (task, request, g_free);
  g_object_set_data (G_OBJECT (task), "sl-cache", self->inference_cache);
  sl_project_worker_queue (self->reader, task, warm_step);
}

/* On a thread of its own: needs no project connection. */
static void
save_read_cache (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (!sl_project_contents_save_cache (task_data, &error))
    g_debug ("Not keeping the reads: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static void
on_contents_loaded (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  SlWorkspace *self = SL_WORKSPACE (source);
  g_autoptr(LoadResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  stop_progress (self);
  if (result == NULL)
    {
      show_error (self, error);
      set_pending (self, self->n_pending - 1);
      return;
    }

  g_clear_pointer (&self->contents, sl_project_contents_free);
  self->contents = g_steal_pointer (&result->contents);
  sl_map_view_set_reads (self->map_view, self->contents->reads,
                         (const char * const *) self->contents->agency_names);
  fill_datasets (self);
  fill_agencies (self);
  fill_scenarios (self);
  fill_overlays (self, result);
  gtk_widget_set_visible (self->about_data_button, self->contents->synthetic);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.find-plate", TRUE);
  warm_inference_cache (self);

  /* Scanned into memory (the cache could not be written then): the next
   * open maps them instead. Written after showing them, as it takes a
   * while. */
  if (!self->contents->reads_kept)
    {
      g_autoptr(GTask) save = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_task_data (save, sl_project_contents_ref (self->contents), (GDestroyNotify) sl_project_contents_free);
      g_task_run_in_thread (save, save_read_cache);
    }

  set_pending (self, self->n_pending - 1);
}

static void
load_summary (GTask        *task,
              SlProject    *project,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SlReadStoreSummary *summary = g_new0 (SlReadStoreSummary, 1);
  GError *error = NULL;

  if (sl_read_store_get_summary (project, summary, &error))
    g_task_return_pointer (task, summary, g_free);
  else
    {
      g_free (summary);
      g_task_return_error (task, error);
    }
}

static void
check_project (GTask        *task,
               SlProject    *project,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;

  if (sl_project_quick_check (project, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Damage is worth more than a toast: the user should stop and find a
 * backup before working on. */
static void
on_project_checked (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  SlWorkspace *self = SL_WORKSPACE (source);
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  if (!g_task_propagate_boolean (G_TASK (res), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_pending (self, self->n_pending - 1);
  if (error == NULL)
    return;

  g_debug ("%s", error->message);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Project Damaged"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_row_count (AdwActionRow *row,
               gint64        count)
{
  g_autofree char *text = format_count (count);

  adw_action_row_set_subtitle (row, text);
}

static void
on_summary_loaded (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  SlWorkspace *self = SL_WORKSPACE (source);
  g_autofree SlReadStoreSummary *summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = g_task_propagate_pointer (G_TASK (res), &error);
  if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (summary == NULL)
    show_error (self, error);
  else
    {
      self->summary = *summary;
      self->has_summary = TRUE;
      set_row_count (self->reads_row, summary->reads);
      set_row_count (self->plates_row, summary->plates);
      set_row_count (self->agencies_row, summary->agencies);
      set_row_count (self->cameras_row, summary->cameras);
      if (summary->has_reads)
        {
          g_autofree char *first = format_date (summary->first_read);
          g_autofree char *last = format_date (summary->last_read);
          /* Translators: the first and last day of the reads. */
          g_autofree char *span = g_strdup_printf (_("%s – %s"), first, last);

          adw_action_row_set_subtitle (self->span_row, span);
        }
      else
        {
          adw_action_row_set_subtitle (self->span_row, _("No reads"));
        }
    }
  set_pending (self, self->n_pending - 1);
}

typedef struct
{
  char   *plate;
  GArray *reads;   /* SlRead */
} PlateResult;

static void
plate_result_free (PlateResult *result)
{
  g_free (result->plate);
  g_clear_pointer (&result->reads, g_array_unref);
  g_free (result);
}

static void
load_plate (GTask        *task,
            SlProject    *project,
            gpointer      task_data,
            GCancellable *cancellable)
{
  PlateResult *result = g_new0 (PlateResult, 1);
  GError *error = NULL;
  gint64 plate_id;

  plate_id = sl_read_store_lookup_plate (project, task_data, &error);
  if (plate_id > 0)
    {
      SlRankedVehicle vehicle = { plate_id, 0, 0 };
      g_auto(GStrv) stored = sl_vehicle_ranking_load_plates (project, &vehicle, 1, &error);

      /* As stored: a pseudonym or a source's hash is lower case. */
      if (stored != NULL)
        {
          result->plate = g_steal_pointer (&stored[0]);
          result->reads = sl_read_store_load_plate_reads (project, plate_id, &error);
        }
    }
  else if (error == NULL)
    {
      result->plate = sl_read_store_normalize_plate (task_data);
      result->reads = g_array_new (FALSE, FALSE, sizeof (SlRead));
    }

  if (result->reads == NULL)
    {
      plate_result_free (result);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) plate_result_free);
}

/* Centres the map on the track, zoomed to fit it with a margin. */
static void
frame_track (SlWorkspace        *self,
             const SlTrackPoint *points,
             guint               n_points)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double latitude, longitude, span, zoom;
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self->map_view)), 256);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self->map_view)) - 120, 256);

  for (guint i = 0; i < n_points; i++)
    {
      double x, y;

      sl_mercator_from_lat_lon (points[i].latitude, points[i].longitude, &x, &y);
      x0 = MIN (x0, x);
      y0 = MIN (y0, y);
      x1 = MAX (x1, x);
      y1 = MAX (y1, y);
    }
  sl_mercator_to_lat_lon ((x0 + x1) / 2, (y0 + y1) / 2, &latitude, &longitude);
  /* The track's extent in 256-pixel tiles at zoom 0, padded by a fifth. */
  span = MAX ((x1 - x0) * 256 / width, (y1 - y0) * 256 / height) * 1.2;
  zoom = span > 0 ? CLAMP (-log2 (span), 8, 15) : 14;
  sl_map_view_go_to (self->map_view, latitude, longitude, zoom);
}

static guint8
agency_index (SlWorkspace *self,
              gint64       agency_id)
{
  GArray *ids = self->contents->agency_ids;

  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == agency_id)
        return i;
    }
  /* Beyond the read set's indexes: the shared last one. */
  return ids->len > 0 ? ids->len - 1 : 0;
}

static guint find_node (SlWhatIf   *what_if,
                        const char *name);
static SlInference *compute_inference (SlProject                   *project,
                                       gint64                       plate_id,
                                       const SlInferenceView       *view,
                                       const SlInferenceThresholds *thresholds,
                                       SlInferenceCache            *cache,
                                       gboolean                     defer_uniqueness,
                                       GError                     **error);

typedef struct
{
  char                  *plate;
  /* NULL for the project's default scenario. */
  char                  *scenario;
  /* The agency selected, NULL for none: its inference is worked out in
   * the same task, saving a round through the main loop. */
  char                  *agency;
  gint64                 plate_id;
  SlInferenceThresholds  thresholds;
  SlInferenceCache      *cache;
  gboolean               defer_uniqueness;
} WhatIfRequest;

static void
what_if_request_free (WhatIfRequest *request)
{
  g_free (request->plate);
  g_free (request->scenario);
  g_free (request->agency);
  g_free (request);
}

typedef struct _WhatIfResult
{
  SlWhatIf              *what_if;
  /* The agency's inference under the new session, or NULL. */
  SlInference           *inference;
  guint                  node;
  gint64                 plate_id;
  SlInferenceThresholds  thresholds;
} WhatIfResult;

static void
what_if_result_free (WhatIfResult *result)
{
  g_clear_object (&result->what_if);
  g_clear_pointer (&result->inference, sl_inference_free);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WhatIfResult, what_if_result_free)

static void
load_what_if (GTask        *task,
              SlProject    *project,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WhatIfRequest *request = task_data;
  g_autoptr(WhatIfResult) result = g_new0 (WhatIfResult, 1);
  GError *error = NULL;

  result->what_if = sl_what_if_new_for_project (project, request->scenario, request->plate, &error);
  if (result->what_if == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The views sort thousands of agencies by name: not on the main thread. */
  sl_what_if_prepare_collate_keys (result->what_if);
  result->node = request->agency != NULL ? find_node (result->what_if, request->agency) : G_MAXUINT;
  result->thresholds = request->thresholds;
  result->plate_id = request->plate_id;
  if (result->node != G_MAXUINT && request->plate_id != 0)
    {
      /* The session is not shared yet: its engine may be used here. */
      SlInferenceView view = { sl_what_if_get_visibility (result->what_if), result->node,
                               sl_what_if_get_as_of (result->what_if) };

      /* Without it the inference is asked for again, as for an edit. */
      result->inference = compute_inference (project, request->plate_id, &view, &request->thresholds,
                                             request->cache, request->defer_uniqueness, NULL);
    }
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) what_if_result_free);
}

static void
select_scenario_row (SlWorkspace *self,
                     const char  *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->scenarios_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "sl-scenario"), name) == 0)
        {
          gtk_list_box_select_row (self->scenarios_list, GTK_LIST_BOX_ROW (row));
          return;
        }
    }
}

static void
show_exposure_status (SlWorkspace *self,
                      const char  *text)
{
  gtk_label_set_text (self->exposure_status, text);
  gtk_widget_set_visible (GTK_WIDGET (self->exposure_status), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->as_of_bar), FALSE);
  /* Only the stack hides: a hidden page would make it show another one,
   * and the page chosen (sl_workspace_show_page(), a lesson step) would
   * be lost when the session arrives. */
  gtk_widget_set_visible (self->page_switcher, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->details_stack), FALSE);
}

/* The node of the agency or pool named @name in the session, or G_MAXUINT. */
static guint
find_node (SlWhatIf   *what_if,
           const char *name)
{
  guint node;

  return sl_sharing_network_find_named (sl_what_if_get_network (what_if), name, &node) ? node : G_MAXUINT;
}

static void
show_track (SlWorkspace *self,
            GArray      *reads,
            gboolean     frame)
{
  g_autofree SlTrackPoint *points = g_new (SlTrackPoint, MAX (reads->len, 1));

  for (guint i = 0; i < reads->len; i++)
    {
      const SlRead *read = &g_array_index (reads, SlRead, i);

      points[i] = (SlTrackPoint) { read->latitude, read->longitude, read->time,
                                   agency_index (self, read->agency_id) };
    }
  sl_map_view_set_track (self->map_view, points, reads->len);
  if (frame && reads->len > 0)
    frame_track (self, points, reads->len);
}

/* The vehicle's reads that exist as of the session's as-of time: taken by
 * then and not past their owner's retention, as the owners themselves
 * have them; every read for All Time or without a session. */
static GArray *
dup_reads_as_of (SlWorkspace *self)
{
  gint64 as_of = self->what_if != NULL ? sl_what_if_get_as_of (self->what_if) : SL_TIME_MAX;
  SlVisibility *visibility = self->what_if != NULL ? sl_what_if_get_visibility (self->what_if) : NULL;
  GArray *held = g_array_sized_new (FALSE, FALSE, sizeof (SlRead), self->track_reads->len);

  for (guint i = 0; i < self->track_reads->len; i++)
    {
      const SlRead *read = &g_array_index (self->track_reads, SlRead, i);

      if (sl_inference_owner_holds (visibility, read->plate_id, read->time, read->agency_id, as_of))
        g_array_append_val (held, *read);
    }
  return held;
}

/* Under the plate: how many of its reads exist at the as-of time (@held,
 * in time order; the as-of bar below says which day), and their first and
 * last day. */
static void
show_track_summary (SlWorkspace *self,
                    GArray      *held,
                    gint64       as_of)
{
  guint total = self->track_reads->len;
  g_autofree char *subtitle = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (held->len > 0)
    {
      first = format_date (g_array_index (held, SlRead, 0).time);
      last = format_date (g_array_index (held, SlRead, held->len - 1).time);
    }
  if (as_of == SL_TIME_MAX)
    /* Translators: under a plate: its number of reads and the first and
     * last day it was read. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u read, %s – %s", "%u reads, %s – %s", total),
                                total, first, last);
  else if (held->len > 0)
    /* Translators: under a plate with an as-of time: its reads that exist
     * then (taken by then, not yet past their owner's retention), of all
     * its reads, and the first and last day of those. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u read at the as-of time, %s – %s",
                                             "%u of %u reads at the as-of time, %s – %s", total),
                                held->len, total, first, last);
  else
    /* Translators: under a plate with an as-of time at which none of its
     * reads exists (not taken yet, or past their owner's retention). */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "None of its %u read at the as-of time",
                                             "None of its %u reads at the as-of time", total),
                                total);
  adw_action_row_set_subtitle (self->track_row, subtitle);
}

static void
remove_inferred_places (SlWorkspace *self)
{
  if (self->places_layer == NULL)
    return;
  shumate_map_remove_layer (sl_map_view_get_map (self->map_view), SHUMATE_LAYER (self->places_layer));
  self->places_layer = NULL;
}

/* Home, work and the top places of the inference, as rings on the map. */
static void
show_inferred_places (SlWorkspace       *self,
                      const SlInference *inference)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SlGeography) geography = NULL;
  g_autoptr(GError) error = NULL;
  ShumateMap *map = sl_map_view_get_map (self->map_view);
  char *json;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "FeatureCollection");
  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);
  for (guint i = 0; i < MIN (inference->places->len, 5); i++)
    {
      const SlInferencePlace *place = &g_array_index (inference->places, SlInferencePlace, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "Feature");
      json_builder_set_member_name (builder, "properties");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      if (inference->home.found && inference->home.place == i)
        json_builder_add_string_value (builder, _("Likely Home"));
      else if (inference->work.found && inference->work.place == i)
        json_builder_add_string_value (builder, _("Likely Work"));
      else
        json_builder_add_string_value (builder, _("Top Places"));
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "geometry");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "Point");
      json_builder_set_member_name (builder, "coordinates");
      json_builder_begin_array (builder);
      json_builder_add_double_value (builder, place->longitude);
      json_builder_add_double_value (builder, place->latitude);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  bytes = g_bytes_new_take (json, strlen (json));
  geography = sl_geography_new_from_geojson (bytes, _("Inferred Places"), &error);
  if (geography == NULL)
    {
      /* Built above from numbers: only a bug gets here. */
      g_critical ("%s", error->message);
      return;
    }
  /* On top of the track, unlike the user's overlays, and larger than a
   * read's dot. */
  remove_inferred_places (self);
  self->places_layer = sl_overlay_layer_new (shumate_map_get_viewport (map), _("Inferred Places"), geography);
  sl_overlay_layer_set_color (self->places_layer, &(GdkRGBA) { 0.90, 0.38, 0.0, 1.0 });
  sl_overlay_layer_set_point_radius (self->places_layer, 14);
  shumate_map_add_layer (map, SHUMATE_LAYER (self->places_layer));
}

typedef struct
{
  gint64                 plate_id;
  guint                  node;
  gint64                 as_of;
  /* A copy: the session changes on the main thread meanwhile. */
  SlSharingNetwork      *network;
  SlInferenceThresholds  thresholds;
  SlInferenceCache      *cache;
  gboolean               defer_uniqueness;
} InferenceRequest;

static void
inference_request_free (InferenceRequest *request)
{
  g_clear_object (&request->network);
  g_free (request);
}

/* Everything the pane shows, on the worker: the agency's reads through
 * the engine's visibility, places, home, work, routine, companions, and
 * uniqueness with the project's memo of top places. With
 * @defer_uniqueness, no uniqueness (has_uniqueness unset) until the memo
 * is complete: without it the figure reads the reads around both top
 * places and computes each candidate's places, seconds a vehicle at ten
 * million reads (tests/bench-agency-view.c); the pane shows the rest
 * meanwhile (count_uniqueness()). */
static SlInference *
compute_inference (SlProject                   *project,
                   gint64                       plate_id,
                   const SlInferenceView       *view,
                   const SlInferenceThresholds *thresholds,
                   SlInferenceCache            *cache,
                   gboolean                     defer_uniqueness,
                   GError                     **error)
{
  g_autoptr(GTimeZone) zone = sl_inference_get_time_zone (project);
  g_autoptr(GArray) reads = NULL;
  g_autoptr(SlInference) inference = NULL;

  if ((reads = sl_inference_load_reads (project, plate_id, view, error)) == NULL)
    return NULL;
  inference = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, zone, thresholds);
  if (!sl_inference_find_companions (inference, project, plate_id, view, error))
    return NULL;
  /* Fewer than two places need no count. */
  if (defer_uniqueness && inference->places->len >= 2 &&
      (cache == NULL || !sl_inference_cache_is_ready (cache, inference)))
    return g_steal_pointer (&inference);
  if (!sl_inference_compute_uniqueness_cached (inference, project, plate_id, cache, error))
    return NULL;
  return g_steal_pointer (&inference);
}

static void
load_inference (GTask        *task,
                SlProject    *project,
                gpointer      task_data,
                GCancellable *cancellable)
{
  InferenceRequest *request = task_data;
  g_autoptr(SlVisibility) visibility = sl_visibility_new (request->network);
  SlInferenceView view = { visibility, request->node, request->as_of };
  SlInference *inference;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  inference = compute_inference (project, request->plate_id, &view, &request->thresholds, request->cache,
                                 request->defer_uniqueness, &error);
  if (inference == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, inference, (GDestroyNotify) sl_inference_free);
}

static char *
describe_home_change (SlWorkspace       *self,
                      const SlInference *after)
{
  const char *name = self->agency;
  gboolean its = sl_what_if_get_summary_focus (self->what_if) == self->agency_node;
  gboolean before = self->banner_home_found;
  gboolean now = after->home.found;

  if (before && now)
    {
      const SlInferencePlace *place = &g_array_index (after->places, SlInferencePlace, after->home.place);
      double moved = sl_inference_distance_m (self->banner_home_latitude, self->banner_home_longitude,
                                              place->latitude, place->longitude);

      /* Within a cell: the same place, its centre shifted by the reads. */
      if (moved <= after->thresholds.cell_size_m)
        return its ? g_strdup (_("its likely-home inference is unchanged"))
                   : g_strdup_printf (_("the likely-home inference of %s is unchanged"), name);
      /* Translators: %s is a distance, e.g. "2.4 km". */
      {
        g_autofree char *distance = g_strdup_printf (_("%.1f km"), moved / 1000.0);

        return its ? g_strdup_printf (_("its likely home moves %s"), distance)
                   : g_strdup_printf (_("the likely home %s infers moves %s"), name, distance);
      }
    }
  if (before)
    return its ? g_strdup (_("it can no longer infer a likely home"))
               : g_strdup_printf (_("%s can no longer infer a likely home"), name);
  if (now)
    return its ? g_strdup (_("it can now infer a likely home"))
               : g_strdup_printf (_("%s can now infer a likely home"), name);
  return its ? g_strdup (_("it still cannot infer a likely home"))
             : g_strdup_printf (_("%s still cannot infer a likely home"), name);
}

static void show_inference (SlWorkspace *self,
                            SlInference *inference,
                            gint64       plate_id);

static void
on_inference_loaded (GObject      *source,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  SlWorkspace *self = SL_WORKSPACE (source);
  g_autoptr(SlInference) inference = NULL;
  g_autoptr(GError) error = NULL;

  selection_task_done (self);
  inference = g_task_propagate_pointer (G_TASK (res), &error);
  /* Cancelled with the project, or overtaken by a newer request. */
  if ((error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) ||
      GPOINTER_TO_UINT (user_data) != self->inference_serial)
    return;
  self->inference_serial_done = self->inference_serial;

  if (inference == NULL)
    {
      /* Translators: in the inference pane, instead of the results. */
      g_autofree char *text = g_strdup_printf (_("Could not work out the inferences: %s"), error->message);

      sl_inference_pane_set_status (self->inference_pane, text);
      remove_inferred_places (self);
      self->banner_waits = FALSE;
      return;
    }
  show_inference (self, g_steal_pointer (&inference),
                  ((InferenceRequest *) g_task_get_task_data (G_TASK (res)))->plate_id);
}

/* Shows @inference (transfer full), the current agency's under the
 * current session for the vehicle @plate_id, and completes the banner
 * that waited for it. */
static void
show_inference (SlWorkspace *self,
                SlInference *inference,
                gint64       plate_id)
{
  gboolean counted = inference->has_uniqueness;

  if (self->banner_waits)
    {
      g_autofree char *clause = describe_home_change (self, inference);
      g_autofree char *summary = g_strdup (self->banner_summary);
      g_autofree char *text = NULL;

      g_strchomp (summary);
      if (g_str_has_suffix (summary, "."))
        summary[strlen (summary) - 1] = '\0';
      text = g_strdup_printf ("%s; %s.", summary, clause);
      gtk_label_set_text (self->what_if_label, text);
      self->banner_waits = FALSE;
    }

  self->home_node = self->agency_node;
  self->home_known = TRUE;
  self->home_found = inference->home.found;
  if (inference->home.found)
    {
      const SlInferencePlace *place = &g_array_index (inference->places, SlInferencePlace, inference->home.place);

      self->home_latitude = place->latitude;
      self->home_longitude = place->longitude;
    }
  show_inferred_places (self, inference);
  sl_inference_pane_set_inference (self->inference_pane, inference, self->agency);
  self->inference_plate_id = plate_id;
  self->uniqueness_waits = !counted;
  if (!counted)
    {
      sl_inference_pane_set_uniqueness_progress (self->inference_pane, self->warm_progress);
      count_uniqueness (self);
    }
}

typedef struct
{
  SlInference      *inference;
  gint64            plate_id;
  SlInferenceCache *cache;
} UniquenessRequest;

static void
uniqueness_request_free (UniquenessRequest *request)
{
  g_clear_pointer (&request->inference, sl_inference_free);
  g_free (request);
}

static void
load_uniqueness (GTask        *task,
                 SlProject    *project,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  UniquenessRequest *request = task_data;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (sl_inference_compute_uniqueness_cached (request->inference, project, request->plate_id, request->cache,
                                              &error))
    g_task_return_pointer (task, g_steal_pointer (&request->inference), (GDestroyNotify) sl_inference_free);
  else
    g_task_return_error (task, error);
}

static void
on_uniqueness_counted (GObject      *source,
                       GAsyncResult *res,
                       gpointer      user_data)
{
  SlWorkspace *self = SL_WORKSPACE (source);
  g_autoptr(SlInference) counted = NULL;
  g_autoptr(GError) error = NULL;

  counted = g_task_propagate_pointer (G_TASK (res), &error);
  /* Cancelled with the project, or for a vehicle, agency, session or
   * thresholds no longer shown. */
  if ((error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) ||
      GPOINTER_TO_UINT (user_data) != self->inference_serial || !self->uniqueness_waits)
    return;
  self->uniqueness_waits = FALSE;
  if (counted == NULL)
    {
      show_error (self, error);
      sl_inference_pane_set_uniqueness_progress (self->inference_pane, -1);
      return;
    }
  sl_inference_pane_set_uniqueness (self->inference_pane, counted);
}

/* The uniqueness figure the inference shown waits for, once the memo is
 * complete (or cannot be): counted on the worker from a copy of its two
 * top places, once per request. */
static void
count_uniqueness (SlWorkspace *self)
{
  const SlInference *shown = sl_inference_pane_get_inference (self->inference_pane);
  g_autoptr(GTask) task = NULL;
  UniquenessRequest *request;

  /* Only for the inference of the latest request: one on its way will
   * come with its figure, or ask when shown. */
  if (!self->uniqueness_waits || shown == NULL || (!self->memo_ready && !self->warm_failed) ||
      self->worker == NULL || self->inference_serial_done != self->inference_serial ||
      self->uniqueness_serial == self->inference_serial)
    return;
  self->uniqueness_serial = self->inference_serial;
  request = g_new0 (UniquenessRequest, 1);
  request->inference = sl_inference_dup_top_places (shown);
  request->plate_id = self->inference_plate_id;
  request->cache = self->inference_cache;
  task = g_task_new (self, self->cancellable, on_uniqueness_counted, GUINT_TO_POINTER (self->inference_serial));
  g_task_set_task_data (task, request, (GDestroyNotify) uniqueness_request_free);
  sl_project_worker_queue (self->worker, task, load_uniqueness);
}

/* Field by field: memcmp() would compare the padding too. */
static gboolean
thresholds_equal (const SlInferenceThresholds *a,
                  const SlInferenceThresholds *b)
{
  return a->night_start_hour == b->night_start_hour && a->night_end_hour == b->night_end_hour &&
         a->work_start_hour == b->work_start_hour && a->work_end_hour == b->work_end_hour &&
         a->cell_size_m == b->cell_size_m && a->min_days == b->min_days &&
         a->full_confidence_days == b->full_confidence_days && a->companion_window_s == b->companion_window_s &&
         a->companion_min_places == b->companion_min_places && a->companion_min_days == b->companion_min_days &&
         a->uniqueness_radius_m == b->uniqueness_radius_m;
}

/* Works out, on the worker, what the selected agency can infer under the
 * session's current network; any older request's result is dropped. */
static void
request_inference (SlWorkspace *self)
{
  g_autoptr(GTask) task = NULL;
  InferenceRequest *request;

  /* What the banner compares the next result with. */
  self->banner_home_found = self->home_found;
  self->banner_home_latitude = self->home_latitude;
  self->banner_home_longitude = self->home_longitude;
  self->banner_home_valid = self->home_known && self->home_node == self->agency_node &&
                            self->inference_serial_done == self->inference_serial;
  self->inference_serial++;

  if (self->agency_node == G_MAXUINT || self->worker == NULL || self->track_reads == NULL ||
      self->track_reads->len == 0)
    {
      self->inference_serial_done = self->inference_serial;
      return;
    }

  if (sl_inference_pane_get_inference (self->inference_pane) == NULL)
    {
      /* Translators: in the inference pane while it is computed. */
      g_autofree char *text = g_strdup_printf (_("Working out what %s can infer…"), self->agency);

      sl_inference_pane_set_status (self->inference_pane, text);
    }

  if (self->prefetched != NULL)
    {
      WhatIfResult *prefetched = g_steal_pointer (&self->prefetched);
      SlInferenceThresholds thresholds;

      /* Worked out with the session, for this agency and these
       * thresholds: shown at once. */
      sl_inference_thresholds_load (&thresholds, self->settings);
      if (prefetched->inference != NULL && prefetched->node == self->agency_node &&
          thresholds_equal (&prefetched->thresholds, &thresholds) &&
          sl_what_if_get_as_of (self->what_if) == SL_TIME_MAX)
        {
          self->inference_serial_done = self->inference_serial;
          show_inference (self, g_steal_pointer (&prefetched->inference), prefetched->plate_id);
          what_if_result_free (prefetched);
          return;
        }
      what_if_result_free (prefetched);
    }

  request = g_new0 (InferenceRequest, 1);
  request->plate_id = g_array_index (self->track_reads, SlRead, 0).plate_id;
  request->node = self->agency_node;
  request->as_of = sl_what_if_get_as_of (self->what_if);
  request->network = sl_sharing_network_copy (sl_what_if_get_network (self->what_if));
  sl_inference_thresholds_load (&request->thresholds, self->settings);
  request->cache = memo_for_worker (self);
  request->defer_uniqueness = !self->warm_failed;
  self->n_selection_tasks++;
  task = g_task_new (self, self->cancellable, on_inference_loaded, GUINT_TO_POINTER (self->inference_serial));
  g_task_set_task_data (task, request, (GDestroyNotify) inference_request_free);
  sl_project_worker_queue (self->worker, task, load_inference);
}

/* The map, the exposure pane's selection and the inference pane follow
 * the selected agency: only the reads of the vehicle it sees under the
 * session (scenario, edits and as-of time), or every read. */
static void
apply_agency (SlWorkspace *self)
{
  g_autoptr(GArray) visible = NULL;
  g_autoptr(GArray) held = NULL;
  g_autofree char *text = NULL;
  SlInferenceView view = { NULL, G_MAXUINT, SL_TIME_MAX };
  SlReadSet *reads;

  self->agency_node = self->agency != NULL && self->what_if != NULL ? find_node (self->what_if, self->agency)
                                                                    : G_MAXUINT;
  if (self->what_if != NULL && sl_exposure_pane_get_selected_node (self->exposure_pane) != self->agency_node)
    sl_exposure_pane_select_node (self->exposure_pane, self->agency_node);

  /* A vehicle's session on its way: the map keeps the agency's view of the
   * last one rather than flashing every read (ten million redrawn) in
   * between. */
  if (self->agency != NULL && self->what_if == NULL && self->track_reads != NULL && self->contents != NULL)
    return;
  /* The as-of time is "what exists then", with or without an agency. */
  if (self->track_reads != NULL)
    {
      held = dup_reads_as_of (self);
      show_track_summary (self, held, self->what_if != NULL ? sl_what_if_get_as_of (self->what_if) : SL_TIME_MAX);
    }
  if (self->agency == NULL || self->what_if == NULL || self->track_reads == NULL || self->contents == NULL)
    {
      g_clear_pointer (&self->agency_reads, sl_read_set_unref);
      if (self->contents != NULL && sl_map_view_get_reads (self->map_view) != self->contents->reads)
        sl_map_view_set_reads (self->map_view, self->contents->reads,
                               (const char * const *) self->contents->agency_names);
      if (held != NULL)
        show_track (self, held, FALSE);
      gtk_widget_set_visible (self->agency_filter_box, FALSE);
      remove_inferred_places (self);
      self->home_known = FALSE;
      request_inference (self);
      sl_inference_pane_set_status (self->inference_pane,
                                    _("Select an agency under Exposure to see what it can infer from the reads it sees."));
      return;
    }

  view.visibility = sl_what_if_get_visibility (self->what_if);
  view.node = self->agency_node;
  view.as_of = sl_what_if_get_as_of (self->what_if);
  visible = g_array_new (FALSE, FALSE, sizeof (SlRead));
  for (guint i = 0; i < self->track_reads->len && self->agency_node != G_MAXUINT; i++)
    {
      const SlRead *read = &g_array_index (self->track_reads, SlRead, i);

      if (sl_inference_view_sees (&view, read->plate_id, read->time, read->agency_id))
        g_array_append_val (visible, *read);
    }

  reads = sl_read_set_new (MAX (visible->len, 1));
  for (guint i = 0; i < visible->len; i++)
    {
      const SlRead *read = &g_array_index (visible, SlRead, i);

      sl_read_set_append (reads, (guint32) read->id, read->latitude, read->longitude, read->time,
                          agency_index (self, read->agency_id));
    }
  sl_read_set_seal (reads);
  g_clear_pointer (&self->agency_reads, sl_read_set_unref);
  self->agency_reads = reads;
  sl_map_view_set_reads (self->map_view, reads, (const char * const *) self->contents->agency_names);
  show_track (self, visible, FALSE);

  if (self->agency_node == G_MAXUINT)
    /* Translators: over the map, when the selected agency is not in the
     * scenario's network. */
    text = g_strdup_printf (_("%s is not in this scenario’s sharing network"), self->agency);
  else
    /* Translators: over the map while it shows one agency's view. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Showing what %s sees: %u of %u read",
                                         "Showing what %s sees: %u of %u reads", self->track_reads->len),
                            self->agency, visible->len, self->track_reads->len);
  gtk_label_set_text (self->agency_filter_label, text);
  gtk_widget_set_visible (self->agency_filter_box, TRUE);
  request_inference (self);
  if (self->agency_node == G_MAXUINT)
    {
      /* Nothing to infer from: not another scenario's results either. */
      sl_inference_pane_set_status (self->inference_pane, text);
      remove_inferred_places (self);
    }
}

static void
update_undo_actions (SlWorkspace *self)
{
  gboolean can_undo = self->what_if != NULL && sl_what_if_can_undo (self->what_if);
  gboolean can_redo = self->what_if != NULL && sl_what_if_can_redo (self->what_if);
  gboolean can_save = self->what_if != NULL && sl_what_if_get_n_edits (self->what_if) > 0 &&
                      self->project != NULL && !sl_project_is_read_only (self->project);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.redo", can_redo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.save-scenario", can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.open-flow-window", self->what_if != NULL);
}

static void
on_what_if_changed (SlWorkspace *self)
{
  apply_agency (self);
}

/* After an edit, undo or redo: the difference in plain words, completed
 * with the likely home once the selected agency's inference is in. */
static void
on_what_if_edited (SlWorkspace *self)
{
  const char *summary = sl_what_if_get_summary (self->what_if);

  g_free (self->banner_summary);
  self->banner_summary = g_strdup (summary);
  gtk_label_set_text (self->what_if_label, summary);
  gtk_revealer_set_reveal_child (self->what_if_banner, TRUE);
  /* "changed" came first and asked for the new inference. */
  self->banner_waits = self->banner_home_valid && self->agency_node != G_MAXUINT &&
                       self->inference_serial_done != self->inference_serial;
  update_undo_actions (self);
}

static void
set_what_if (SlWorkspace *self,
             SlWhatIf    *what_if)
{
  if (self->what_if != NULL)
    g_signal_handlers_disconnect_by_data (self->what_if, self);
  g_set_object (&self->what_if, what_if);
  if (what_if != NULL)
    {
      g_signal_connect_swapped (what_if, "changed", G_CALLBACK (on_what_if_changed), self);
      g_signal_connect_swapped (what_if, "edited", G_CALLBACK (on_what_if_edited), self);
    }
  self->banner_waits = FALSE;
  gtk_revealer_set_reveal_child (self->what_if_banner, FALSE);
  update_undo_actions (self);
}

static void
untick (SlWorkspace *self,
        const char  *owner,
        const char  *recipient)
{
  SlSharingNetwork *network = sl_what_if_get_network (self->what_if);
  guint owner_node = find_node (self->what_if, owner);
  guint recipient_node = find_node (self->what_if, recipient);
  const SlSharingNode *a, *b;

  if (owner_node == G_MAXUINT || recipient_node == G_MAXUINT)
    {
      g_warning ("No agency named “%s” in the scenario", owner_node == G_MAXUINT ? owner : recipient);
      return;
    }
  a = sl_sharing_network_get_node (network, owner_node);
  b = sl_sharing_network_get_node (network, recipient_node);
  if (a->kind != SL_SHARING_NODE_AGENCY || b->kind != SL_SHARING_NODE_AGENCY ||
      !sl_what_if_untick (self->what_if, a->id, b->id))
    g_warning ("%s does not share reads directly with %s", owner, recipient);
}

/* The agency to compare @a with when the user has not said: the federal
 * immigration viewer that sees most, else any other viewer that does. */
static guint
default_comparison (SlWhatIf *what_if,
                    guint     a)
{
  GArray *exposure = sl_what_if_get_exposure (what_if);
  guint best = G_MAXUINT;
  gboolean best_immigration = FALSE;
  guint best_reads = 0;

  for (guint i = 0; i < exposure->len; i++)
    {
      const SlExposure *row = &g_array_index (exposure, SlExposure, i);
      gboolean immigration = sl_what_if_is_immigration (what_if, row->node);

      if (row->node == a)
        continue;
      if (best == G_MAXUINT || (immigration && !best_immigration) ||
          (immigration == best_immigration && row->n_reads > best_reads))
        {
          best = row->node;
          best_immigration = immigration;
          best_reads = row->n_reads;
        }
    }
  return best;
}

static void
open_compare_window (SlWorkspace *self,
                     guint        a,
                     guint        b)
{
  SlWhatIf *what_if = sl_exposure_pane_get_what_if (self->exposure_pane);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (what_if == NULL || self->project == NULL)
    return;
  if (self->compare_window == NULL || sl_agency_compare_get_what_if (self->compare_window) != what_if)
    {
      if (self->compare_window != NULL)
        gtk_window_destroy (GTK_WINDOW (self->compare_window));
      self->compare_window = sl_agency_compare_new (self->project, what_if, self->track_plate);
      g_object_add_weak_pointer (G_OBJECT (self->compare_window), (gpointer *) &self->compare_window);
      if (GTK_IS_WINDOW (root))
        {
          gtk_window_set_transient_for (GTK_WINDOW (self->compare_window), GTK_WINDOW (root));
          gtk_window_set_destroy_with_parent (GTK_WINDOW (self->compare_window), TRUE);
        }
    }
  sl_agency_compare_set_agencies (self->compare_window, a, b);
  gtk_window_present (GTK_WINDOW (self->compare_window));
}

static void
on_compare_requested (SlWorkspace *self,
                      guint        node)
{
  SlWhatIf *what_if = sl_exposure_pane_get_what_if (self->exposure_pane);

  if (what_if != NULL)
    open_compare_window (self, node, default_comparison (what_if, node));
}

static void
compare_pending (SlWorkspace *self)
{
  SlWhatIf *what_if = sl_exposure_pane_get_what_if (self->exposure_pane);

  if (self->compare_pending[0] == NULL || what_if == NULL)
    return;
  open_compare_window (self, find_node (what_if, self->compare_pending[0]),
                       find_node (what_if, self->compare_pending[1]));
  g_clear_pointer (&self->compare_pending[0], g_free);
  g_clear_pointer (&self->compare_pending[1], g_free);
}

/**
 * sl_workspace_compare_agencies:
 * @a: the name of an agency (or pool) of the sharing network
 * @b: the name of another
 *
 * Opens the side-by-side comparison of what @a and @b see of the vehicle
 * shown, once its session is ready. An unknown name leaves its column
 * to choose.
 */
void
sl_workspace_compare_agencies (SlWorkspace *self,
                               const char  *a,
                               const char  *b)
{
  g_return_if_fail (SL_IS_WORKSPACE (self));
  g_return_if_fail (a != NULL && b != NULL);

  g_free (self->compare_pending[0]);
  g_free (self->compare_pending[1]);
  self->compare_pending[0] = g_strdup (a);
  self->compare_pending[1] = g_strdup (b);
  compare_pending (self);
}

static void
on_what_if_loaded (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  SlWorkspace *self = SL_WORKSPACE (source);
  g_autoptr(WhatIfResult) result = NULL;
  g_autoptr(GError) error = NULL;
  SlWhatIf *what_if;
  const char *scenario;

  selection_task_done (self);
  result = g_task_propagate_pointer (G_TASK (res), &error);
  /* Cancelled with the project, or overtaken by another plate or scenario. */
  if ((error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)) ||
      GPOINTER_TO_UINT (user_data) != self->what_if_serial)
    return;

  if (result == NULL)
    {
      /* Translators: in the details pane, instead of who sees the vehicle. */
      g_autofree char *text = g_strdup_printf (_("Could not work out who can see this vehicle: %s"),
                                               error->message);

      show_exposure_status (self, text);
      return;
    }

  what_if = result->what_if;
  /* First: it sets the session's as-of time, which the panes then show. */
  sl_as_of_bar_set_what_if (self->as_of_bar, what_if);
  set_what_if (self, what_if);
  sl_exposure_pane_set_what_if (self->exposure_pane, what_if, self->track_plate);
  sl_flow_diagram_set_what_if (self->flow_diagram, what_if);
  gtk_widget_set_visible (GTK_WIDGET (self->exposure_status), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->as_of_bar), TRUE);
  gtk_widget_set_visible (self->page_switcher, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->details_stack), TRUE);

  /* Shows which scenario the default was; set first so that selecting
   * its row does not start the same session again. */
  scenario = sl_sharing_network_get_scenario (sl_what_if_get_network (what_if));
  if (self->scenario == NULL)
    self->scenario = g_strdup (scenario);
  select_scenario_row (self, scenario);
  compare_pending (self);

  self->home_known = FALSE;
  /* apply_agency() shows it instead of asking again. */
  g_clear_pointer (&self->prefetched, what_if_result_free);
  self->prefetched = g_steal_pointer (&result);
  apply_agency (self);
  g_clear_pointer (&self->prefetched, what_if_result_free);
  for (guint i = 0; i + 1 < self->pending_unticks->len; i += 2)
    untick (self, self->pending_unticks->pdata[i], self->pending_unticks->pdata[i + 1]);
  g_ptr_array_set_size (self->pending_unticks, 0);
}

/* Starts a what-if session for the vehicle on the map under the chosen
 * scenario, on the worker: it reads the sharing tables and the plate's
 * reads. */
static void
update_exposure (SlWorkspace *self)
{
  g_autoptr(GTask) task = NULL;
  WhatIfRequest *request;

  self->what_if_serial++;
  /* It compared what two agencies see of the previous session. */
  if (self->compare_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->compare_window));
  sl_as_of_bar_set_what_if (self->as_of_bar, NULL);
  set_what_if (self, NULL);
  sl_exposure_pane_set_what_if (self->exposure_pane, NULL, NULL);
  sl_flow_diagram_set_what_if (self->flow_diagram, NULL);
  gtk_widget_set_visible (self->exposure_box, self->track_plate != NULL);
  gtk_widget_set_visible (self->project_box, self->track_plate == NULL);
  if (self->track_plate == NULL || self->worker == NULL || self->contents == NULL)
    {
      apply_agency (self);
      return;
    }

  if (self->contents->scenarios->len == 0)
    {
      show_exposure_status (self, _("No sharing configuration in this project"));
      return;
    }

  show_exposure_status (self, _("Working out who can see this vehicle…"));
  request = g_new0 (WhatIfRequest, 1);
  request->plate = g_strdup (self->track_plate);
  request->scenario = g_strdup (self->scenario);
  request->agency = g_strdup (self->agency);
  request->plate_id = self->track_reads != NULL && self->track_reads->len > 0
                      ? g_array_index (self->track_reads, SlRead, 0).plate_id : 0;
  sl_inference_thresholds_load (&request->thresholds, self->settings);
  request->cache = memo_for_worker (self);
  request->defer_uniqueness = !self->warm_failed;
  self->n_selection_tasks++;
  task = g_task_new (self, self->cancellable, on_what_if_loaded, GUINT_TO_POINTER (self->what_if_serial));
  g_task_set_task_data (task, request, (GDestroyNotify) what_if_request_free);
  sl_project_worker_queue (self->worker, task, load_what_if);
}

static void
on_scenario_selected (SlWorkspace   *self,
                      GtkListBoxRow *row)
{
  const char *name = row != NULL ? g_object_get_data (G_OBJECT (row), "sl-scenario") : NULL;

  if (name == NULL || g_strcmp0 (name, self->scenario) == 0)
    return;
  g_free (self->scenario);
  self->scenario = g_strdup (name);
  if (self->track_plate != NULL)
    update_exposure (self);
}

static void
update_history_actions (SlWorkspace *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.go-back",
                                 sl_history_can_go_back (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.go-forward",
                                 sl_history_can_go_forward (self->history));
}

static void
on_agency_selected (SlWorkspace    *self,
                    guint           node)
{
  const char *name;

  if (self->what_if == NULL || node == self->agency_node)
    return;
  name = sl_sharing_network_get_node (sl_what_if_get_network (self->what_if), node)->name;
  sl_workspace_select_agency (self, name);
}

static void
on_flow_node_activated (SlWorkspace *self,
                        guint        node)
{
  on_agency_selected (self, node);
}

static void
on_plate_loaded (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  SlWorkspace *self = SL_WORKSPACE (source);
  PlateResult *result;
  g_autoptr(GError) error = NULL;

  selection_task_done (self);
  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (GPOINTER_TO_UINT (user_data) != self->plate_serial)
    {
      /* Another vehicle was asked for since. */
      g_clear_pointer (&result, plate_result_free);
      return;
    }
  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  if (result->reads->len == 0 || self->contents == NULL)
    {
      /* Translators: a toast after searching for a plate. */
      g_autofree char *message = g_strdup_printf (_("No reads of plate “%s” in this project"), result->plate);
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      if (SL_IS_WINDOW (root))
        sl_window_add_toast (SL_WINDOW (root), adw_toast_new (message));
      plate_result_free (result);
      return;
    }

  g_clear_pointer (&self->track_reads, g_array_unref);
  self->track_reads = g_steal_pointer (&result->reads);
  g_free (self->track_plate);
  self->track_plate = g_strdup (result->plate);
  plate_result_free (result);
  /* The session first, so the worker works it out while the track is
   * drawn here. */
  update_exposure (self);

  /* Whole, until the session says what exists as of its time. */
  show_track (self, self->track_reads, TRUE);
  show_track_summary (self, self->track_reads, SL_TIME_MAX);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->track_row), self->track_plate);
  gtk_widget_set_visible (self->track_group, TRUE);
  gtk_widget_set_visible (self->hint_label, FALSE);
  sl_history_visit (self->history, self->track_plate);
  update_history_actions (self);
}

/**
 * sl_workspace_show_plate:
 * @plate: a plate as the user typed it
 *
 * Draws the vehicle's track on the map and frames it, or says that the
 * project has no reads of it.
 */
void
sl_workspace_show_plate (SlWorkspace *self,
                         const char  *plate)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SL_IS_WORKSPACE (self));
  g_return_if_fail (plate != NULL);

  if (self->worker == NULL)
    return;
  self->n_selection_tasks++;
  task = g_task_new (self, self->cancellable, on_plate_loaded, GUINT_TO_POINTER (++self->plate_serial));
  g_task_set_task_data (task, g_strdup (plate), g_free);
  sl_project_worker_queue (self->worker, task, load_plate);
}

/**
 * sl_workspace_select_time_range:
 * @start: (nullable): the first instant, %NULL for the start of the reads
 * @end: (nullable): the instant after the last, %NULL for the end of the reads
 *
 * Selects the range on the map's timeline, so the map shows only the
 * reads in it; %NULL for both selects the whole time span.
 */
void
sl_workspace_select_time_range (SlWorkspace *self,
                                GDateTime   *start,
                                GDateTime   *end)
{
  g_return_if_fail (SL_IS_WORKSPACE (self));

  sl_timeline_select_range (sl_map_view_get_timeline (self->map_view),
                            start != NULL ? g_date_time_to_unix (start) : G_MININT64,
                            end != NULL ? g_date_time_to_unix (end) : G_MAXINT64);
}

/**
 * sl_workspace_set_as_of:
 * @as_of: (nullable): the instant whose visible reads the exposure counts,
 *   or %NULL for every read ever visible (the latest state)
 *
 * Sets the as-of time of the details pane: reads an agency could see only
 * before (the owner's retention expired) or only after @as_of drop out of
 * the exposure pane and the flow diagram. Kept for the next vehicles.
 */
void
sl_workspace_set_as_of (SlWorkspace *self,
                        GDateTime   *as_of)
{
  g_return_if_fail (SL_IS_WORKSPACE (self));

  sl_as_of_bar_set_playing (self->as_of_bar, FALSE);
  sl_as_of_bar_set_as_of (self->as_of_bar, as_of != NULL ? g_date_time_to_unix (as_of) : SL_TIME_MAX);
}

static void
on_plate_activate (SlWorkspace *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->plate_entry));
  AdwFlap *flap;

  if (text[0] == '\0')
    {
      sl_map_view_set_track (self->map_view, NULL, 0);
      gtk_widget_set_visible (self->track_group, FALSE);
      gtk_widget_set_visible (self->hint_label, TRUE);
      g_clear_pointer (&self->track_plate, g_free);
      g_clear_pointer (&self->track_reads, g_array_unref);
      update_exposure (self);
      return;
    }
  /* A folded sidebar steps aside for the vehicle's track. */
  flap = ADW_FLAP (gtk_widget_get_ancestor (self->sidebar, ADW_TYPE_FLAP));
  if (adw_flap_get_folded (flap))
    adw_flap_set_reveal_flap (flap, FALSE);
  sl_workspace_show_plate (self, text);
}

/* Back and forward show a vehicle of the history; once its reads are
 * loaded, visiting it again is not a new entry. */
static void
go_back_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SlWorkspace *self = SL_WORKSPACE (widget);
  const char *plate = sl_history_go_back (self->history);

  update_history_actions (self);
  if (plate != NULL)
    sl_workspace_show_plate (self, plate);
}

static void
go_forward_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlWorkspace *self = SL_WORKSPACE (widget);
  const char *plate = sl_history_go_forward (self->history);

  update_history_actions (self);
  if (plate != NULL)
    sl_workspace_show_plate (self, plate);
}

static void
on_plate_search_changed (SlWorkspace *self)
{
  sl_vehicle_list_set_prefix (self->vehicle_list, gtk_editable_get_text (GTK_EDITABLE (self->plate_entry)));
}

static void
on_vehicle_activated (SlWorkspace *self,
                      const char  *plate)
{
  sl_workspace_show_plate (self, plate);
}

static void
find_plate_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SlWorkspace *self = SL_WORKSPACE (widget);
  AdwFlap *flap = ADW_FLAP (gtk_widget_get_ancestor (self->sidebar, ADW_TYPE_FLAP));

  /* In a narrow window the entry is in the folded sidebar. */
  if (adw_flap_get_folded (flap))
    adw_flap_set_reveal_flap (flap, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->plate_entry));
}

/* The template's root. Not a bound template child: disposing the template
 * would unparent it, and AdwBin would then unparent it a second time. */
static AdwFlap *
sidebar_flap (SlWorkspace *self)
{
  return ADW_FLAP (adw_bin_get_child (ADW_BIN (self)));
}

/**
 * sl_workspace_get_sidebar_revealed:
 *
 * Returns: whether the sidebar (plate search, datasets, agencies,
 *   scenarios, overlays) is shown
 */
gboolean
sl_workspace_get_sidebar_revealed (SlWorkspace *self)
{
  g_return_val_if_fail (SL_IS_WORKSPACE (self), FALSE);

  return adw_flap_get_reveal_flap (sidebar_flap (self));
}

/**
 * sl_workspace_set_sidebar_revealed:
 *
 * Shows or folds the sidebar (presentation mode folds it). The map's own
 * agency legend stays hidden: with dozens of agencies it would cover the
 * map.
 */
void
sl_workspace_set_sidebar_revealed (SlWorkspace *self,
                                   gboolean     revealed)
{
  g_return_if_fail (SL_IS_WORKSPACE (self));

  adw_flap_set_reveal_flap (sidebar_flap (self), revealed);
}

/**
 * sl_workspace_save_state:
 *
 * Keeps the map's position in the project, for the next time it opens.
 */
void
sl_workspace_save_state (SlWorkspace *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SL_IS_WORKSPACE (self));

  if (self->project == NULL || sl_project_is_read_only (self->project))
    return;
  if (!sl_map_view_save_position (self->map_view, self->project, &error))
    g_warning ("Could not save the map position: %s", error->message);
}

static void
reset (SlWorkspace *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* The list lets go of the worker first, so the next line ends it. */
  sl_vehicle_list_clear (self->vehicle_list);
  /* Waits for the task that runs now, which stops at its next check of the
   * cancellable. */
  g_clear_object (&self->worker);
  g_clear_object (&self->reader);
  g_clear_pointer (&self->inference_cache, sl_inference_cache_free);
  self->warming = FALSE;
  self->memo_ready = FALSE;
  self->warm_failed = FALSE;
  self->warm_progress = 0;
  self->warm_paused = FALSE;
  self->uniqueness_waits = FALSE;
  stop_progress (self);
  sl_history_clear (self->history);
  update_history_actions (self);
  g_clear_pointer (&self->compare_pending[0], g_free);
  g_clear_pointer (&self->compare_pending[1], g_free);
  set_pending (self, 0);

  g_clear_pointer (&self->contents, sl_project_contents_free);
  self->has_summary = FALSE;
  g_clear_pointer (&self->track_plate, g_free);
  g_clear_pointer (&self->track_reads, g_array_unref);
  g_clear_pointer (&self->scenario, g_free);
  g_clear_pointer (&self->agency, g_free);
  g_ptr_array_set_size (self->pending_unticks, 0);
  update_exposure (self);
  g_clear_pointer (&self->agency_reads, sl_read_set_unref);
  remove_inferred_places (self);
  sl_map_view_set_reads (self->map_view, NULL, NULL);
  sl_map_view_set_track (self->map_view, NULL, 0);
  remove_overlays (self);
  clear_list (self->datasets_list);
  clear_list (self->agencies_list);
  clear_list (self->scenarios_list);
  clear_list (self->overlays_list);
  gtk_editable_set_text (GTK_EDITABLE (self->plate_entry), "");
  gtk_widget_set_visible (self->track_group, FALSE);
  gtk_widget_set_visible (self->hint_label, TRUE);
  gtk_widget_set_visible (self->about_data_button, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.find-plate", FALSE);
  adw_action_row_set_subtitle (self->reads_row, "…");
  adw_action_row_set_subtitle (self->plates_row, "…");
  adw_action_row_set_subtitle (self->agencies_row, "…");
  adw_action_row_set_subtitle (self->cameras_row, "…");
  adw_action_row_set_subtitle (self->span_row, "…");
}

static void
start_loading (SlWorkspace *self)
{
  g_autoptr(SlProject) connection = NULL;
  g_autoptr(SlProject) reading = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) contents_task = NULL;
  g_autoptr(GTask) summary_task = NULL;
  /* A second connection for the worker: SQLite connections are not
   * shared between threads here, and this one never waits for the UI. */
  connection = sl_project_open (sl_project_get_path (self->project),
                                sl_project_is_read_only (self->project) ? SL_PROJECT_OPEN_READ_ONLY
                                                                        : SL_PROJECT_OPEN_FLAGS_NONE,
                                &error);
  if (connection == NULL ||
      (reading = sl_project_open (sl_project_get_path (self->project), SL_PROJECT_OPEN_READ_ONLY, &error)) == NULL)
    {
      show_error (self, error);
      return;
    }
  self->worker = sl_project_worker_new (g_steal_pointer (&connection));
  self->reader = sl_project_worker_new (g_steal_pointer (&reading));
  self->cancellable = g_cancellable_new ();
  self->inference_cache = sl_inference_cache_new ();

  set_pending (self, 2);
  contents_task = g_task_new (self, self->cancellable, on_contents_loaded, NULL);
  self->progress = g_new0 (LoadProgress, 1);
  g_task_set_task_data (contents_task, self->progress, g_free);
  gtk_progress_bar_set_fraction (self->loading_bar, 0);
  gtk_widget_set_visible (self->loading_box, TRUE);
  /* Once a second: each update is a frame of the whole window, which with
   * software GL (virtual machines, Xvfb) cost the loader half its CPU when
   * it was ten a second (tests/bench-workspace.c: 14.5 s → 5.5 s to the
   * reads on the map, 9.5 million reads). */
  self->progress_source = g_timeout_add (1000, update_progress, self);
  sl_project_worker_queue (self->reader, contents_task, load_contents);

  /* Second, so the reads are on the map before the counts arrive. */
  summary_task = g_task_new (self, self->cancellable, on_summary_loaded, NULL);
  sl_project_worker_queue (self->reader, summary_task, load_summary);

  /* Last, and only when it is cheap or the last session ended uncleanly
   * (sl_project_wants_quick_check()): the window's connection saw the
   * file as it was found. */
  if (sl_project_wants_quick_check (self->project))
    {
      g_autoptr(GTask) check_task = g_task_new (self, self->cancellable, on_project_checked, NULL);

      set_pending (self, self->n_pending + 1);
      sl_project_worker_queue (self->reader, check_task, check_project);
    }

  /* After the check, which the workspace's loading waits for: counting
   * every vehicle's reads takes longest. */
  sl_vehicle_list_load (self->vehicle_list, self->worker, self->reader, self->cancellable);
}

void
sl_workspace_set_project (SlWorkspace *self,
                          SlProject   *project)
{
  g_return_if_fail (SL_IS_WORKSPACE (self));
  g_return_if_fail (project == NULL || SL_IS_PROJECT (project));

  if (project == self->project)
    return;

  sl_workspace_save_state (self);
  reset (self);
  g_set_object (&self->project, project);

  if (project != NULL)
    {
      sl_map_view_restore_position (self->map_view, project);
      start_loading (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
}

/**
 * sl_workspace_reload:
 *
 * Loads the project again (after an import), keeping the map where it is.
 */
void
sl_workspace_reload (SlWorkspace *self)
{
  g_return_if_fail (SL_IS_WORKSPACE (self));

  if (self->project == NULL)
    return;
  reset (self);
  start_loading (self);
}

/**
 * sl_workspace_show_page:
 * @page: "exposure", "flow" or "inference"
 *
 * Shows one page of the details pane.
 */
void
sl_workspace_show_page (SlWorkspace *self,
                        const char  *page)
{
  g_return_if_fail (SL_IS_WORKSPACE (self));
  g_return_if_fail (page != NULL);

  if (adw_view_stack_get_child_by_name (self->details_stack, page) == NULL)
    {
      g_warning ("No details page named “%s”", page);
      return;
    }
  adw_view_stack_set_visible_child_name (self->details_stack, page);
}

/**
 * sl_workspace_select_agency:
 * @agency_name: (nullable): an agency of the sharing network, or %NULL for
 *   every read
 *
 * Shows on the map only the reads of the selected vehicle that the agency
 * sees under the current scenario and edits, and what it can infer from
 * them in the inference pane. The choice holds when the vehicle or the
 * scenario changes, and applies as soon as a vehicle's session is ready.
 */
void
sl_workspace_select_agency (SlWorkspace *self,
                            const char  *agency_name)
{
  g_return_if_fail (SL_IS_WORKSPACE (self));

  if (g_strcmp0 (agency_name, self->agency) == 0)
    return;
  g_free (self->agency);
  self->agency = g_strdup (agency_name);
  self->home_known = FALSE;
  /* Another agency's results must not show while this one's compute. */
  sl_inference_pane_set_status (self->inference_pane, "");
  apply_agency (self);
}

/**
 * sl_workspace_select_scenario:
 * @scenario_name: a scenario of the project
 *
 * Selects the scenario in the sidebar; the details pane and the map follow.
 */
void
sl_workspace_select_scenario (SlWorkspace *self,
                              const char  *scenario_name)
{
  g_return_if_fail (SL_IS_WORKSPACE (self));
  g_return_if_fail (scenario_name != NULL);

  if (g_strcmp0 (scenario_name, self->scenario) == 0)
    return;
  g_free (self->scenario);
  self->scenario = g_strdup (scenario_name);
  select_scenario_row (self, scenario_name);
  if (self->track_plate != NULL)
    update_exposure (self);
}

/**
 * sl_workspace_untick:
 * @owner: the agency whose sharing list is edited
 * @recipient: the agency it stops sharing reads with
 *
 * Unticks @recipient in @owner's sharing list in the session of the
 * selected vehicle, as the exposure pane's button does; the banner states
 * the difference. Asked before the session is ready, it applies then.
 */
void
sl_workspace_untick (SlWorkspace *self,
                     const char  *owner,
                     const char  *recipient)
{
  g_return_if_fail (SL_IS_WORKSPACE (self));
  g_return_if_fail (owner != NULL && recipient != NULL);

  if (self->what_if == NULL)
    {
      g_ptr_array_add (self->pending_unticks, g_strdup (owner));
      g_ptr_array_add (self->pending_unticks, g_strdup (recipient));
      return;
    }
  untick (self, owner, recipient);
}

/**
 * sl_workspace_is_inferring:
 *
 * Returns: whether an inference for the selected agency is being computed,
 *   or the one shown waits for its uniqueness figure
 */
gboolean
sl_workspace_is_inferring (SlWorkspace *self)
{
  g_return_val_if_fail (SL_IS_WORKSPACE (self), FALSE);
  return self->inference_serial_done != self->inference_serial ||
         (self->uniqueness_waits && sl_inference_pane_get_inference (self->inference_pane) != NULL);
}

/**
 * sl_workspace_limit_warming:
 * @n_steps: how many more steps of one run of plates the memo of top
 *   places may warm, or G_MAXUINT for no limit (steps of 50 ms)
 *
 * For tests: holds the memo cold, or part-warmed, deterministically; set
 * before the project, it applies from the first step.
 */
void
sl_workspace_limit_warming (SlWorkspace *self,
                            guint        n_steps)
{
  g_return_if_fail (SL_IS_WORKSPACE (self));

  self->warm_steps_allowed = n_steps;
  if (!self->memo_ready)
    warm_inference_cache (self);
}

/**
 * sl_workspace_check_scenario_name:
 *
 * Returns: (nullable): why @name cannot name a new scenario, or %NULL
 */
char *
sl_workspace_check_scenario_name (SlWorkspace *self,
                                  const char  *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (*stripped == '\0')
    return g_strdup (_("Enter a name for the scenario"));
  for (guint i = 0; self->contents != NULL && i < self->contents->scenarios->len; i++)
    {
      SlContentsScenario *scenario = self->contents->scenarios->pdata[i];

      if (g_strcmp0 (scenario->name, stripped) == 0)
        return g_strdup_printf (_("A scenario named “%s” already exists"), stripped);
    }
  return NULL;
}

/**
 * sl_workspace_save_scenario:
 * @name: the new scenario's name
 *
 * Stores the session's edits as a new scenario of the project, adds it to
 * the sidebar and selects it.
 */
gboolean
sl_workspace_save_scenario (SlWorkspace  *self,
                            const char   *name,
                            GError      **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *problem = NULL;
  SlContentsScenario *scenario;

  g_return_val_if_fail (SL_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (self->what_if != NULL, FALSE);

  if ((problem = sl_workspace_check_scenario_name (self, stripped)) != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, problem);
      return FALSE;
    }
  if (!sl_what_if_save (self->what_if, self->project, stripped, NULL, error))
    return FALSE;

  scenario = g_new0 (SlContentsScenario, 1);
  scenario->name = g_strdup (stripped);
  scenario->parent = g_strdup (sl_sharing_network_get_scenario (sl_what_if_get_network (self->what_if)));
  g_ptr_array_add (self->contents->scenarios, scenario);
  fill_scenarios (self);
  sl_workspace_select_scenario (self, stripped);
  return TRUE;
}

static void
on_save_dialog_name_changed (GtkEditable *entry,
                             AdwMessageDialog *dialog)
{
  SlWorkspace *self = g_object_get_data (G_OBJECT (dialog), "sl-workspace");
  GtkLabel *problem_label = g_object_get_data (G_OBJECT (dialog), "sl-problem");
  g_autofree char *problem = sl_workspace_check_scenario_name (self, gtk_editable_get_text (entry));

  adw_message_dialog_set_response_enabled (dialog, "save", problem == NULL);
  /* Nothing typed yet is not an error to point out. */
  gtk_label_set_text (problem_label, problem != NULL && *gtk_editable_get_text (entry) != '\0' ? problem : "");
}

static void
on_save_dialog_response (AdwMessageDialog *dialog,
                         const char       *response,
                         SlWorkspace      *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "sl-entry");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0 || self->what_if == NULL)
    return;
  if (!sl_workspace_save_scenario (self, gtk_editable_get_text (entry), &error))
    show_error (self, error);
}

static void
save_scenario_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SlWorkspace *self = SL_WORKSPACE (widget);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *problem = gtk_label_new (NULL);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Save as Scenario"),
                                   _("The edits become a new sharing scenario of this project, listed in the "
                                     "sidebar."));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scenario name"), -1);
  gtk_label_set_xalign (GTK_LABEL (problem), 0);
  gtk_label_set_wrap (GTK_LABEL (problem), TRUE);
  gtk_widget_add_css_class (problem, "error");
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), problem);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", FALSE);
  g_object_set_data (G_OBJECT (dialog), "sl-workspace", self);
  g_object_set_data (G_OBJECT (dialog), "sl-entry", entry);
  g_object_set_data (G_OBJECT (dialog), "sl-problem", problem);
  g_signal_connect (entry, "changed", G_CALLBACK (on_save_dialog_name_changed), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_dialog_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* At 1280 pixels the details pane is too narrow for a network's three
 * columns: the same diagram, following the same session, in a window. */
static void
open_flow_window_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SlWorkspace *self = SL_WORKSPACE (widget);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *diagram = sl_flow_diagram_new ();
  g_autofree char *title = NULL;

  if (self->what_if == NULL)
    return;
  /* Translators: the title of the flow diagram's window. */
  title = g_strdup_printf (_("Who Sees %s"), self->track_plate);
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  gtk_widget_set_margin_start (diagram, 12);
  gtk_widget_set_margin_end (diagram, 12);
  gtk_widget_set_margin_top (diagram, 12);
  gtk_widget_set_margin_bottom (diagram, 12);
  sl_flow_diagram_set_what_if (SL_FLOW_DIAGRAM (diagram), self->what_if);
  g_signal_connect_object (diagram, "node-activated", G_CALLBACK (on_flow_node_activated), self,
                           G_CONNECT_SWAPPED);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), diagram);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_present (GTK_WINDOW (window));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlWorkspace *self = SL_WORKSPACE (widget);

  if (self->what_if != NULL)
    sl_what_if_undo (self->what_if);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SlWorkspace *self = SL_WORKSPACE (widget);

  if (self->what_if != NULL)
    sl_what_if_redo (self->what_if);
}

static void
on_banner_close_clicked (SlWorkspace *self)
{
  gtk_revealer_set_reveal_child (self->what_if_banner, FALSE);
}

static void
on_all_reads_clicked (SlWorkspace *self)
{
  sl_workspace_select_agency (self, NULL);
}

static void
on_settings_changed (SlWorkspace *self,
                     const char  *key)
{
  /* New thresholds: the shown results are recomputed; places from cells
   * of another size, the memo of them too. */
  if (g_str_equal (key, "inference-cell-size"))
    {
      self->memo_ready = FALSE;
      self->warm_progress = 0;
    }
  if (g_str_has_prefix (key, "inference-") && self->agency_node != G_MAXUINT)
    request_inference (self);
  if (g_str_equal (key, "inference-cell-size"))
    warm_inference_cache (self);
}

static void
sl_workspace_dispose (GObject *object)
{
  SlWorkspace *self = SL_WORKSPACE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->vehicle_list != NULL)
    sl_vehicle_list_clear (self->vehicle_list);
  g_clear_object (&self->worker);
  g_clear_object (&self->reader);
  g_clear_pointer (&self->inference_cache, sl_inference_cache_free);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->contents, sl_project_contents_free);
  g_clear_pointer (&self->track_plate, g_free);
  g_clear_pointer (&self->track_reads, g_array_unref);
  g_clear_pointer (&self->scenario, g_free);
  g_clear_pointer (&self->compare_pending[0], g_free);
  g_clear_pointer (&self->compare_pending[1], g_free);
  if (self->compare_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->compare_window));
  g_clear_pointer (&self->agency, g_free);
  g_clear_pointer (&self->agency_reads, sl_read_set_unref);
  g_clear_pointer (&self->banner_summary, g_free);
  g_clear_pointer (&self->prefetched, what_if_result_free);
  if (self->what_if != NULL)
    g_signal_handlers_disconnect_by_data (self->what_if, self);
  g_clear_object (&self->what_if);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->project);

  gtk_widget_dispose_template (GTK_WIDGET (self), SL_TYPE_WORKSPACE);

  G_OBJECT_CLASS (sl_workspace_parent_class)->dispose (object);
}

static void
sl_workspace_finalize (GObject *object)
{
  SlWorkspace *self = SL_WORKSPACE (object);

  g_clear_pointer (&self->overlay_names, g_ptr_array_unref);
  g_clear_pointer (&self->history, sl_history_free);
  g_clear_pointer (&self->pending_unticks, g_ptr_array_unref);

  G_OBJECT_CLASS (sl_workspace_parent_class)->finalize (object);
}

static void
sl_workspace_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SlWorkspace *self = SL_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, sl_workspace_is_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_workspace_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SlWorkspace *self = SL_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_PROJECT:
      sl_workspace_set_project (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sl_workspace_class_init (SlWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sl_workspace_dispose;
  object_class->finalize = sl_workspace_finalize;
  object_class->get_property = sl_workspace_get_property;
  object_class->set_property = sl_workspace_set_property;

  properties [PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL,
                         SL_TYPE_PROJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * SlWorkspace:loading:
   *
   * Whether the project is still being read (the reads, then the summary).
   */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "workspace.find-plate", NULL, find_plate_action);
  gtk_widget_class_install_action (widget_class, "workspace.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "workspace.go-forward", NULL, go_forward_action);
  gtk_widget_class_install_action (widget_class, "workspace.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "workspace.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "workspace.save-scenario", NULL, save_scenario_action);
  gtk_widget_class_install_action (widget_class, "workspace.open-flow-window", NULL, open_flow_window_action);

  g_type_ensure (SL_TYPE_MAP_VIEW);
  g_type_ensure (SL_TYPE_EXPOSURE_PANE);
  g_type_ensure (SL_TYPE_FLOW_DIAGRAM);
  g_type_ensure (SL_TYPE_VEHICLE_LIST);
  g_type_ensure (SL_TYPE_AS_OF_BAR);
  g_type_ensure (SL_TYPE_INFERENCE_PANE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/sightline/Sightline/ui/sl-workspace.ui");
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, plate_entry);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, vehicle_list);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, datasets_list);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, agencies_list);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, scenarios_list);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, overlays_list);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, map_view);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, loading_box);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, loading_bar);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, details);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, track_group);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, track_row);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, exposure_box);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, project_box);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, what_if_banner);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, what_if_label);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, banner_close_button);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, page_switcher);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, details_stack);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, inference_pane);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, agency_filter_box);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, agency_filter_label);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, all_reads_button);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, exposure_status);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, as_of_bar);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, exposure_pane);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, flow_diagram);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, hint_label);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, reads_row);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, plates_row);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, agencies_row);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, cameras_row);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, span_row);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, about_data_button);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, SlWorkspace, details_button);
}

static void
sl_workspace_init (SlWorkspace *self)
{
  GtkEventController *shortcuts;

  self->overlay_names = g_ptr_array_new_with_free_func (g_free);
  self->history = sl_history_new ();
  self->warm_steps_allowed = G_MAXUINT;
  self->pending_unticks = g_ptr_array_new_with_free_func (g_free);
  self->agency_node = G_MAXUINT;
  self->home_node = G_MAXUINT;

  /* Ctrl+F wherever the focus is in the window (the header bar, the map),
   * not only inside the workspace. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("workspace.find-plate")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK),
                                                          gtk_named_action_new ("workspace.go-back")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Right, GDK_ALT_MASK),
                                                          gtk_named_action_new ("workspace.go-forward")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("workspace.undo")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("workspace.redo")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The sidebar lists the agencies in their colours, with counts. */
  sl_map_view_set_agency_legend_visible (self->map_view, FALSE);
  g_signal_connect_swapped (self->plate_entry, "activate", G_CALLBACK (on_plate_activate), self);
  g_signal_connect_swapped (self->plate_entry, "search-changed", G_CALLBACK (on_plate_search_changed), self);
  g_signal_connect_swapped (self->vehicle_list, "vehicle-activated", G_CALLBACK (on_vehicle_activated), self);
  g_signal_connect_swapped (self->scenarios_list, "row-selected", G_CALLBACK (on_scenario_selected), self);
  g_signal_connect_swapped (self->exposure_pane, "compare-requested", G_CALLBACK (on_compare_requested), self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "workspace.find-plate", FALSE);
  update_history_actions (self);

  /* The window states what-if differences once, above every page. */
  sl_exposure_pane_set_show_banner (self->exposure_pane, FALSE);
  g_signal_connect_swapped (self->banner_close_button, "clicked", G_CALLBACK (on_banner_close_clicked), self);
  g_signal_connect_swapped (self->exposure_pane, "agency-selected", G_CALLBACK (on_agency_selected), self);
  g_signal_connect_swapped (self->flow_diagram, "node-activated", G_CALLBACK (on_flow_node_activated), self);
  g_signal_connect_swapped (self->all_reads_button, "clicked", G_CALLBACK (on_all_reads_clicked), self);
  self->settings = g_settings_new (APP_ID_BASE);
  g_signal_connect_swapped (self->settings, "changed", G_CALLBACK (on_settings_changed), self);
  update_undo_actions (self);
}
