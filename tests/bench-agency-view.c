/* bench-agency-view.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Selecting a vehicle in the window with an agency chosen (issue 7: every
 * pane refreshed in < 100 ms at ten million reads): from
 * sl_workspace_show_plate() to the track on the map, the exposure pane and
 * flow diagram on the new session, the map filtered to the agency's reads,
 * the inference pane filled and a frame drawn. Peer, in the same run: the
 * same selection with no agency chosen (exposure and flow only), so the
 * ratio is what the agency's view and inferences add. The project opens
 * first and the memo of top places is warmed before timing starts.
 * Then, on each vehicle the agency sees directly, a what-if edit in the
 * window: unticking the agency from its first direct owner's list, to
 * every pane and the agency's inference recomputed and a frame drawn
 * (target < 100 ms), against its peer, the core's untick alone
 * (sl_what_if_untick on a copy of the session).
 *
 * Before that, while the memo is still cold, a few vehicles (SL_BENCH_COLD,
 * default 3) are selected with the agency: the time until the inference
 * pane shows them (uniqueness still being counted), and until the figure
 * fills in once the memo is warm; peer: the uniqueness of the last one
 * computed without the memo on a connection of its own, which is what a
 * selection waited for before.
 *
 *   SL_BENCH_PROJECT=… xvfb-run -a meson test -C _build --benchmark --verbose agency-view
 *   xvfb-run -a bench-agency-view PROJECT [AGENCY]
 */

/* RUSAGE_THREAD */
#define _GNU_SOURCE
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "sl-application.h"
#include "sl-inference-pane-private.h"
#include "sl-project-private.h"
#include "sl-sharing-reads.h"
#include "sl-test-utils.h"
#include "sl-what-if.h"
#include "sl-window-private.h"
#include "sl-workspace-private.h"

#define SAMPLES 40

/* Frames the window drew (after-paint), and when the last one began, ended
 * its layout (GTK's own handlers of ::layout and ::paint run before these,
 * connected later) and its paint, and ended: a selection is on screen once
 * a frame has been drawn after its data arrived, so the clock's tick
 * (before layout and paint) is not enough. */
typedef struct
{
  guint  painted;
  gint64 frame_start;
  gint64 layout_end;
  gint64 paint_end;
  gint64 frame_end;
} FrameCount;

static FrameCount frames;

static void
on_before_paint (GdkFrameClock *clock,
                 FrameCount    *count)
{
  count->frame_start = g_get_monotonic_time ();
}

static void
on_layout (GdkFrameClock *clock,
           FrameCount    *count)
{
  count->layout_end = g_get_monotonic_time ();
}

static void
on_paint (GdkFrameClock *clock,
          FrameCount    *count)
{
  count->paint_end = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                FrameCount    *count)
{
  count->frame_end = g_get_monotonic_time ();
  count->painted++;
}

/* CPU milliseconds used so far by the main thread (RUSAGE_THREAD) or the
 * whole process, every thread (RUSAGE_SELF): on a shared machine they vary
 * far less than the wall-clock times. */
static double
cpu_ms (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* Milliseconds to each stage of a selection; the last frame's length, its
 * update and layout, and its paint (snapshot and render); the frames drawn
 * during it. */
static double stage_ms[8];
/* CPU milliseconds of each selection: main thread, whole process. */
static double main_cpu_ms, process_cpu_ms;

/* Unticks @agency from the first owner that shares the shown vehicle's
 * reads with it directly and waits for every pane, the agency's inference
 * and a frame; returns the milliseconds, or -1 when no owner shares
 * directly. @peer_ms: the core's untick on the same session alone. */
static double
untick_in_window (SlWorkspace *workspace,
                  SlProject   *project,
                  const char  *plate,
                  const char  *agency,
                  double      *peer_ms)
{
  g_autoptr(GArray) reads = sl_sharing_load_plate_reads (project, plate, NULL);
  SlWhatIf *what_if = workspace->what_if;
  SlSharingNetwork *network = sl_what_if_get_network (what_if);
  g_autoptr(GArray) owners = NULL;
  g_autofree char *owner_name = NULL;
  g_autoptr(SlWhatIf) copy = NULL;
  gint64 agency_id, start;
  guint node, owner_node;

  if (!sl_sharing_network_find_named (network, agency, &node))
    return -1;
  owners = sl_what_if_dup_direct_owners (what_if, node);
  if (owners->len == 0)
    return -1;
  agency_id = sl_sharing_network_get_node (network, node)->id;
  g_assert_true (sl_sharing_network_find_agency (network, g_array_index (owners, gint64, 0), &owner_node));
  owner_name = g_strdup (sl_sharing_network_get_node (network, owner_node)->name);

  /* The peer: the same edit on a fresh session over the same network and
   * reads, nothing drawn. */
  g_assert_nonnull (reads);
  copy = sl_what_if_new (network);
  sl_what_if_set_reads (copy, (SlVisRead *) reads->data, reads->len);
  start = g_get_monotonic_time ();
  g_assert_true (sl_what_if_untick (copy, g_array_index (owners, gint64, 0), agency_id));
  *peer_ms = (g_get_monotonic_time () - start) / 1000.0;

  start = g_get_monotonic_time ();
  sl_workspace_untick (workspace, owner_name, agency);
  while (sl_workspace_is_inferring (workspace))
    g_main_context_iteration (NULL, TRUE);
  {
    guint before = frames.painted;

    while (frames.painted == before)
      g_main_context_iteration (NULL, TRUE);
  }
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Selects @plate and waits for every pane; returns the milliseconds. */
static double
select_plate (SlWorkspace *workspace,
              const char  *plate,
              gboolean     with_agency)
{
  gint64 start;
  guint painted;
  double main_cpu, process_cpu;

  /* What the untimed step before asked for (an agency chosen or let go:
   * the map's reads changed) is drawn before the clock starts, or its
   * frame is counted as this selection's. */
  {
    guint before = frames.painted;

    gtk_widget_queue_draw (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (workspace))));
    while (frames.painted == before)
      g_main_context_iteration (NULL, TRUE);
  }
  start = g_get_monotonic_time ();
  painted = frames.painted;
  main_cpu = cpu_ms (RUSAGE_THREAD);
  process_cpu = cpu_ms (RUSAGE_SELF);

  sl_workspace_show_plate (workspace, plate);
  while (g_strcmp0 (workspace->track_plate, plate) != 0)
    g_main_context_iteration (NULL, TRUE);
  stage_ms[0] += (g_get_monotonic_time () - start) / 1000.0;
  while (workspace->what_if == NULL || sl_exposure_pane_get_what_if (workspace->exposure_pane) != workspace->what_if)
    g_main_context_iteration (NULL, TRUE);
  stage_ms[1] += (g_get_monotonic_time () - start) / 1000.0;
  while (with_agency && sl_workspace_is_inferring (workspace))
    g_main_context_iteration (NULL, TRUE);
  stage_ms[2] += (g_get_monotonic_time () - start) / 1000.0;
  {
    guint before = frames.painted;

    /* Something changed since the last frame: one is on its way. */
    while (frames.painted == before)
      g_main_context_iteration (NULL, TRUE);
  }
  stage_ms[3] += (g_get_monotonic_time () - start) / 1000.0;
  stage_ms[4] += (frames.frame_end - frames.frame_start) / 1000.0;
  stage_ms[5] += (frames.layout_end - frames.frame_start) / 1000.0;
  stage_ms[6] += (frames.paint_end - frames.layout_end) / 1000.0;
  stage_ms[7] += frames.painted - painted;
  main_cpu_ms = cpu_ms (RUSAGE_THREAD) - main_cpu;
  process_cpu_ms = cpu_ms (RUSAGE_SELF) - process_cpu;
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* While the memo is cold: the agency's view of @n vehicles, timed to the
 * pane; then to the last one's uniqueness; then the peer. */
static void
select_cold (SlWorkspace *workspace,
             const char  *path,
             const char  *agency,
             GPtrArray   *plates,
             guint        n)
{
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start = 0;
  double peer_ms;

  sl_workspace_select_agency (workspace, agency);
  for (guint i = 0; i < MIN (n, plates->len); i++)
    {
      const char *plate = plates->pdata[i];
      AdwActionRow *row = sl_inference_pane_get_uniqueness_row (workspace->inference_pane);
      double ms;

      start = g_get_monotonic_time ();
      sl_workspace_show_plate (workspace, plate);
      while (g_strcmp0 (workspace->track_plate, plate) != 0 || workspace->what_if == NULL ||
             workspace->inference_serial_done != workspace->inference_serial)
        g_main_context_iteration (NULL, TRUE);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (shown, ms);
      printf ("# cold memo (%.0f%% warm), %s: inference pane after %.0f ms, uniqueness row “%s”\n",
              workspace->warm_progress * 100, plate, ms,
              sl_inference_pane_get_inference (workspace->inference_pane) != NULL
              ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : "(no inference)");
    }
  sl_test_report_ms ("select vehicle, agency chosen, memo cold: to the inference pane", "vehicles", shown);
  while (sl_workspace_is_inferring (workspace))
    g_main_context_iteration (NULL, TRUE);
  printf ("# the last one's uniqueness filled in %.0f ms after its selection\n",
          (g_get_monotonic_time () - start) / 1000.0);

  /* The peer: the same figure without the memo. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
    g_autoptr(SlWhatIf) what_if = NULL;
    g_autoptr(GArray) reads = NULL;
    g_autoptr(GTimeZone) zone = NULL;
    g_autoptr(SlInference) inference = NULL;
    SlSharingNetwork *network;
    SlInferenceView view = { NULL, G_MAXUINT, SL_TIME_MAX };
    SlInferenceThresholds thresholds;
    gint64 plate_id;

    g_assert_no_error (error);
    what_if = sl_what_if_new_for_project (project, NULL, workspace->track_plate, &error);
    g_assert_no_error (error);
    network = sl_what_if_get_network (what_if);
    sl_sharing_network_find_named (network, agency, &view.node);
    view.visibility = sl_what_if_get_visibility (what_if);
    plate_id = sl_read_store_lookup_plate (project, workspace->track_plate, &error);
    g_assert_no_error (error);
    reads = sl_inference_load_reads (project, plate_id, &view, &error);
    g_assert_no_error (error);
    zone = sl_inference_get_time_zone (project);
    sl_inference_thresholds_init (&thresholds);
    inference = sl_inference_new ((SlInferenceRead *) reads->data, reads->len, zone, &thresholds);
    start = g_get_monotonic_time ();
    g_assert_true (sl_inference_compute_uniqueness (inference, project, plate_id, &error));
    peer_ms = (g_get_monotonic_time () - start) / 1000.0;
    printf ("peer, uniqueness of %s without the memo (what a selection waited for): %.0f ms (%u places; "
            "figure %u, as the pane's %u); ratio (median pane / peer): %.4f\n",
            workspace->track_plate, peer_ms, inference->places->len, inference->n_sharing_top_places,
            sl_inference_pane_get_inference (workspace->inference_pane)->n_sharing_top_places,
            g_array_index (shown, double, shown->len / 2) / peer_ms);
  }
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SlApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) plates = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) with_agency = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) without = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) edit = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) edit_peer = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) with_main_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) with_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) without_main_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) without_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  const char *path = argc > 1 ? argv[1] : g_getenv ("SL_BENCH_PROJECT");
  const char *agency = argc > 2 ? argv[2] : "ICE Enforcement and Removal Operations";
  g_autoptr(SlProject) check = NULL;
  SlWorkspace *workspace;
  SlWindow *window;
  guint n_seen = 0;
  GdkFrameClock *clock;
  gint64 start;
  double median_with, median_without;

  if (path == NULL)
    {
      fprintf (stderr, "usage: %s PROJECT [AGENCY] (or SL_BENCH_PROJECT)\n", argv[0]);
      return 77;
    }
  gtk_init ();
  g_setenv ("GTK_A11Y", "none", TRUE);

  /* Every n-th plate with reads, in id order. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
    sqlite3_stmt *stmt = NULL;
    gint64 max_plate;

    if (project == NULL)
      {
        fprintf (stderr, "%s\n", error->message);
        return 1;
      }
    sqlite3_prepare_v2 (sl_project_get_db (project), "SELECT max (id) FROM plates", -1, &stmt, NULL);
    sqlite3_step (stmt);
    max_plate = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
    sqlite3_prepare_v2 (sl_project_get_db (project),
                        "SELECT plate FROM plates WHERE id % ?1 = 0 AND EXISTS "
                        "(SELECT 1 FROM reads WHERE plate_id = plates.id) ORDER BY id LIMIT ?2",
                        -1, &stmt, NULL);
    sqlite3_bind_int64 (stmt, 1, MAX (1, max_plate / SAMPLES));
    sqlite3_bind_int64 (stmt, 2, SAMPLES);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (plates, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    sqlite3_finalize (stmt);
  }

  /* The peer's own connection, as the CLI would open it. */
  check = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, NULL);
  g_assert_nonnull (check);
  app = sl_application_new ("io.github.sightline.Sightline.BenchAgencyView", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = sl_window_new (app);
  workspace = window->workspace;
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &frames);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout), &frames);
  g_signal_connect (clock, "paint", G_CALLBACK (on_paint), &frames);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &frames);

  file = g_file_new_for_path (path);
  start = g_get_monotonic_time ();
  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_READ_ONLY));
  while (sl_workspace_is_loading (workspace))
    g_main_context_iteration (NULL, TRUE);
  printf ("%s: loaded in %.0f ms\n", path, (g_get_monotonic_time () - start) / 1000.0);
  fflush (stdout);
  select_cold (workspace, path, agency, plates,
               g_getenv ("SL_BENCH_COLD") != NULL ? atoi (g_getenv ("SL_BENCH_COLD")) : 3);
  while (workspace->warming || !workspace->memo_ready)
    g_main_context_iteration (NULL, TRUE);
  printf ("memo of top places warm after %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);
  fflush (stdout);

  /* Alternating, so both see the same machine load; each on a vehicle not
   * shown before, so both move the map (the peer used to select the
   * vehicle the agency's selection had just shown and framed). */
  for (guint i = 0; i + 1 < plates->len; i += 2)
    {
      double ms;

      sl_workspace_select_agency (workspace, NULL);
      ms = select_plate (workspace, plates->pdata[i], FALSE);
      g_array_append_val (without, ms);
      g_array_append_val (without_main_cpu, main_cpu_ms);
      g_array_append_val (without_cpu, process_cpu_ms);
      sl_workspace_select_agency (workspace, agency);
      /* The agency's view of the vehicle shown, before the timer starts. */
      while (sl_workspace_is_inferring (workspace))
        g_main_context_iteration (NULL, TRUE);
      memset (stage_ms, 0, sizeof stage_ms);
      ms = select_plate (workspace, plates->pdata[i + 1], TRUE);
      g_array_append_val (with_agency, ms);
      g_array_append_val (with_main_cpu, main_cpu_ms);
      g_array_append_val (with_cpu, process_cpu_ms);
      if (g_getenv ("SL_BENCH_STAGES") != NULL)
        printf ("# %s: track %.0f, session %.0f, inference %.0f, frame drawn %.0f ms "
                "(that frame %.0f ms: update and layout %.0f, paint %.0f; %.0f frames drawn; "
                "CPU: main thread %.0f ms, process %.0f ms)\n", (char *) plates->pdata[i + 1],
                stage_ms[0], stage_ms[1], stage_ms[2], stage_ms[3], stage_ms[4], stage_ms[5], stage_ms[6], stage_ms[7],
                main_cpu_ms, process_cpu_ms);
      if (sl_inference_pane_get_inference (workspace->inference_pane) != NULL &&
          sl_inference_pane_get_inference (workspace->inference_pane)->n_reads > 0)
        n_seen++;

      {
        double peer_ms = 0;

        ms = untick_in_window (workspace, check, plates->pdata[i + 1], agency, &peer_ms);
        if (ms >= 0)
          {
            g_array_append_val (edit, ms);
            g_array_append_val (edit_peer, peer_ms);
          }
      }
    }

  printf ("agency %s sees reads of %u of the %u vehicles\n", agency, n_seen, with_agency->len);
  median_with = sl_test_report_ms ("select vehicle, every pane, agency chosen", "vehicles", with_agency);
  median_without = sl_test_report_ms ("peer, select vehicle without an agency", "vehicles", without);
  printf ("ratio (medians): %.2f\n", median_with / median_without);
  if (edit->len > 0)
    {
      double median_edit = sl_test_report_ms ("what-if untick in the window, every pane, agency's inference", "vehicles", edit);
      double median_peer = sl_test_report_ms ("peer, the core's untick alone", "vehicles", edit_peer);

      printf ("ratio (medians): %.2f\n", median_edit / median_peer);
    }
  sl_test_report_ms ("CPU of the main thread, agency chosen", "vehicles", with_main_cpu);
  sl_test_report_ms ("CPU of the main thread, peer", "vehicles", without_main_cpu);
  sl_test_report_ms ("CPU of the process (every thread), agency chosen", "vehicles", with_cpu);
  sl_test_report_ms ("CPU of the process (every thread), peer", "vehicles", without_cpu);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
