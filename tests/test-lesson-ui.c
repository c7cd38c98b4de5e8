/* test-lesson-ui.c: the demo lesson in the window, on the demo project the
 * build made, under Xvfb: each step reaches its state, Back, Next, the
 * keys, and resuming.
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sl-application.h"
#include "sl-exposure-pane-private.h"
#include "sl-sharing-network.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-window-private.h"
#include "sl-workspace-private.h"

static SlApplication *app;

static SlLesson *
load_demo_lesson (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "lessons", "demo.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SlLesson *lesson = sl_lesson_new_from_file (file, &error);

  g_assert_no_error (error);
  return lesson;
}

static SlWindow *
new_window (void)
{
  SlWindow *window = sl_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  gtk_window_present (GTK_WINDOW (window));
  sl_test_wait_for_mapped (GTK_WIDGET (window));
  return window;
}

static void
wait_for_workspace (SlWorkspace *workspace)
{
  while (sl_workspace_is_loading (workspace))
    g_main_context_iteration (NULL, TRUE);
}

/* The window's lesson keys, activated as a key press would. */
static void
press (SlWindow *window,
       guint     keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autofree char *wanted = gtk_accelerator_name (keyval, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller), "lesson-shortcuts") != 0)
        continue;
      g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_strcmp0 (trigger, wanted) == 0)
            {
              gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (window), NULL);
              return;
            }
        }
    }
  g_error ("no lesson shortcut for %s", wanted);
}

static guint
node_named (SlWhatIf   *what_if,
            const char *name)
{
  return sl_test_node_named (sl_what_if_get_network (what_if), name);
}

/* The exposure pane once its session has the step's scenario and edits:
 * one row per viewer, ICE ERO's with the core's count. */
static void
check_exposure (SlWorkspace         *workspace,
                SlProject           *check,
                const SlLessonState *state)
{
  g_autofree char *default_scenario = sl_sharing_network_dup_default_scenario (check, NULL);
  const char *scenario = state->scenario != NULL ? state->scenario : default_scenario;
  g_autoptr(SlWhatIf) expected = sl_test_lesson_what_if (check, state, scenario);
  const char *ice_name = "ICE Enforcement and Removal Operations";
  const SlExposure *ice;
  GtkListBoxRow *row;
  GtkListBoxRow *selected;
  SlWhatIf *shown;
  guint total;

  while ((shown = sl_exposure_pane_get_what_if (workspace->exposure_pane)) == NULL ||
         g_strcmp0 (sl_sharing_network_get_scenario (sl_what_if_get_network (shown)), scenario) != 0 ||
         sl_what_if_get_n_edits (shown) != state->n_unticks ||
         sl_what_if_get_as_of (shown) != state->as_of)
    g_main_context_iteration (NULL, TRUE);

  total = sl_what_if_get_n_reads (expected);
  g_assert_cmpuint (sl_what_if_get_n_reads (shown), ==, total);
  g_assert_cmpuint (sl_exposure_pane_get_n_rows (workspace->exposure_pane), ==,
                    sl_what_if_get_exposure (expected)->len);
  ice = sl_what_if_find_exposure (expected, node_named (expected, ice_name));
  row = sl_exposure_pane_find_row (workspace->exposure_pane, node_named (shown, ice_name));
  if (ice != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%u of %u reads (%u%%)", ice->n_reads, total,
                                               (ice->n_reads * 100 + total / 2) / total);

      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_reads_label (row)), ==, text);
    }
  else
    {
      g_assert_null (row);
    }

  /* The sidebar shows the scenario; the agency is the step's. */
  selected = gtk_list_box_get_selected_row (workspace->scenarios_list);
  g_assert_nonnull (selected);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (selected)), ==, scenario);
  g_assert_cmpstr (workspace->agency, ==, state->agency);
  g_assert_cmpuint (sl_exposure_pane_get_selected_node (workspace->exposure_pane), ==,
                    state->agency != NULL ? node_named (shown, state->agency) : G_MAXUINT);
}

/* What the workspace must show at @step, against the core on its own
 * connection. */
static void
check_step (SlWindow  *window,
            SlLesson  *lesson,
            SlProject *check,
            guint      step)
{
  SlWorkspace *workspace = window->workspace;
  SlLessonPanel *panel = window->lesson_panel;
  g_autoptr(SlLessonState) state = sl_lesson_dup_state_at (lesson, step);
  g_autofree char *progress = g_strdup_printf ("Step %u of %u · One car, many eyes", step + 1,
                                               sl_lesson_get_n_steps (lesson));
  g_autofree char *sql = NULL;
  g_autofree char *reads_text = NULL;
  GtkLabel *label;
  SlReadFilter filter;
  gint64 first, last, span_start;

  g_assert_true (sl_lesson_panel_get_lesson (panel) != NULL);
  g_assert_cmpuint (sl_lesson_panel_get_step (panel), ==, step);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (panel)));
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (panel), SL_TYPE_LESSON_PANEL, "progress_label"));
  g_assert_cmpstr (gtk_label_get_text (label), ==, progress);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), ==, sl_lesson_get_description (lesson));
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (panel), SL_TYPE_LESSON_PANEL, "title_label"));
  g_assert_cmpstr (gtk_label_get_text (label), ==, sl_lesson_get_step_title (lesson, step));
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (panel), SL_TYPE_LESSON_PANEL, "text_label"));
  g_assert_cmpstr (gtk_label_get_text (label), ==, sl_lesson_get_step_text (lesson, step));

  /* The plate's track, with as many reads as the project has of it. */
  while (g_strcmp0 (workspace->track_plate, state->plate) != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (workspace->track_row)), ==, state->plate);
  sql = g_strdup_printf ("SELECT count(*) FROM reads JOIN plates ON plates.id = plate_id WHERE plate = '%s'",
                         state->plate);
  check_exposure (workspace, check, state);
  /* With an as-of time, those of them that exist then, as the core says. */
  if (state->as_of == SL_TIME_MAX)
    reads_text = g_strdup_printf ("%" G_GINT64_FORMAT " reads, ", sl_test_query_int (check, sql));
  else
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlWhatIf) expected = sl_test_lesson_what_if (check, state, workspace->scenario);
      gint64 plate_id = sl_read_store_lookup_plate (check, state->plate, &error);
      g_autoptr(GArray) reads = sl_read_store_load_plate_reads (check, plate_id, &error);
      guint held = 0;

      g_assert_no_error (error);
      g_assert_cmpint (reads->len, ==, sl_test_query_int (check, sql));
      for (guint i = 0; i < reads->len; i++)
        {
          const SlRead *read = &g_array_index (reads, SlRead, i);

          held += sl_inference_owner_holds (sl_what_if_get_visibility (expected), plate_id, read->time,
                                            read->agency_id, state->as_of);
        }
      reads_text = held > 0 ? g_strdup_printf ("%u of %u reads at the as-of time, ", held, reads->len)
                            : g_strdup_printf ("None of its %u reads at the as-of time", reads->len);
    }
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (workspace->track_row), reads_text));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (workspace->details_stack), ==,
                   (state->page != NULL ? state->page : "exposure"));

  /* The timeline's selection: the lesson's range, or the whole span. */
  g_assert_true (sl_read_set_get_time_span (sl_map_view_get_reads (workspace->map_view), &first, &last));
  span_start = first / 3600 * 3600;
  sl_timeline_get_filter (sl_map_view_get_timeline (workspace->map_view), &filter);
  if (state->range_start != 0)
    {
      g_assert_cmpint (filter.start, ==, MAX (state->range_start, span_start));
      g_assert_cmpint (filter.end, ==, state->range_end);
    }
  else
    {
      g_assert_cmpint (filter.start, ==, span_start);
      g_assert_cmpint (filter.end, ==, G_MAXINT64);
    }
}

static void
go_and_check (SlWindow   *window,
              SlLesson   *lesson,
              SlProject  *check,
              const char *action,
              guint       step)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window->lesson_panel), action, NULL));
  check_step (window, lesson, check, step);
}

static void
test_lesson_steps (void)
{
  g_autoptr(SlLesson) lesson = load_demo_lesson ();
  g_autoptr(SlProject) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  SlWindow *window = new_window ();
  const char * const english[] = { NULL };
  guint n_steps = sl_lesson_get_n_steps (lesson);

  sl_lesson_set_languages (lesson, english);

  /* Start Lesson with no project open: the demo opens, then step 1. */
  g_assert_null (sl_lesson_panel_get_lesson (window->lesson_panel));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->lesson_panel)));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "open-lesson"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "start-lesson", NULL);
  while (sl_lesson_panel_get_lesson (window->lesson_panel) == NULL)
    g_main_context_iteration (NULL, TRUE);
  path = g_strdup (sl_project_get_path (sl_window_get_project (window)));
  check = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  wait_for_workspace (window->workspace);
  check_step (window, lesson, check, 0);
  sl_test_render_to_png (GTK_WIDGET (window), "lesson-step-1.png");

  /* Next through every step, then Back to the first. */
  gtk_widget_activate_action (GTK_WIDGET (window->lesson_panel), "lesson.previous", NULL);
  g_assert_cmpuint (sl_lesson_panel_get_step (window->lesson_panel), ==, 0);
  for (guint step = 1; step < n_steps; step++)
    {
      go_and_check (window, lesson, check, "lesson.next", step);
      if (step == 3)
        {
          /* What ICE ERO can infer, once it is worked out. */
          while (sl_workspace_is_inferring (window->workspace))
            g_main_context_iteration (NULL, TRUE);
          sl_test_render_to_png (GTK_WIDGET (window), "lesson-step-4.png");
        }
      else if (step == 6)
        {
          sl_test_render_to_png (GTK_WIDGET (window), "lesson-step-7.png");
        }
    }
  /* No step after the last. */
  gtk_widget_activate_action (GTK_WIDGET (window->lesson_panel), "lesson.next", NULL);
  g_assert_cmpuint (sl_lesson_panel_get_step (window->lesson_panel), ==, n_steps - 1);
  for (guint step = n_steps - 1; step-- > 0;)
    go_and_check (window, lesson, check, "lesson.previous", step);

  /* The keys: Page Down and Right forward, Page Up and Left back. */
  press (window, GDK_KEY_Page_Down);
  check_step (window, lesson, check, 1);
  press (window, GDK_KEY_Right);
  check_step (window, lesson, check, 2);
  press (window, GDK_KEY_Page_Up);
  check_step (window, lesson, check, 1);
  press (window, GDK_KEY_Left);
  check_step (window, lesson, check, 0);
  /* Not while typing a plate: the search field keeps its arrow keys. */
  gtk_widget_grab_focus (GTK_WIDGET (window->workspace->plate_entry));
  press (window, GDK_KEY_Right);
  g_assert_cmpuint (sl_lesson_panel_get_step (window->lesson_panel), ==, 0);
  g_assert_true (GTK_IS_EDITABLE (gtk_root_get_focus (GTK_ROOT (window))));
  /* Nor in the map, which pans with the arrows and steps through its
   * cameras with the page keys. */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (sl_map_view_get_map (window->workspace->map_view))));
  press (window, GDK_KEY_Right);
  press (window, GDK_KEY_Page_Down);
  g_assert_cmpuint (sl_lesson_panel_get_step (window->lesson_panel), ==, 0);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  press (window, GDK_KEY_Right);
  press (window, GDK_KEY_Right);
  press (window, GDK_KEY_Right);
  check_step (window, lesson, check, 3);

  /* The step is kept in the project … */
  saved = sl_project_dup_meta (sl_window_get_project (window), "lesson-step");
  g_assert_cmpstr (saved, ==, "3");
  g_clear_pointer (&saved, g_free);
  saved = sl_project_dup_meta (sl_window_get_project (window), "lesson");
  g_assert_cmpstr (saved, ==, "resource:///io/github/sightline/Sightline/lessons/demo.json");
  g_clear_pointer (&saved, g_free);

  /* In presentation mode Escape leaves it first (the window's own key),
   * and only then closes the lesson. */
  sl_window_set_presentation_mode (window, TRUE);
  sl_test_render_to_png (GTK_WIDGET (window), "lesson-presentation.png");
  press (window, GDK_KEY_Escape);
  g_assert_nonnull (sl_lesson_panel_get_lesson (window->lesson_panel));
  sl_window_set_presentation_mode (window, FALSE);

  /* … so closing the window and starting the lesson again resumes it. */
  press (window, GDK_KEY_Escape);
  g_assert_null (sl_lesson_panel_get_lesson (window->lesson_panel));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->lesson_panel)));
  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();

  window = new_window ();
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  }
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "open-lesson"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "start-lesson", NULL);
  wait_for_workspace (window->workspace);
  check_step (window, lesson, check, 3);

  /* Closed on its last step, the lesson starts over next time. */
  sl_lesson_panel_go_to (window->lesson_panel, n_steps - 1);
  check_step (window, lesson, check, n_steps - 1);
  press (window, GDK_KEY_Escape);
  g_action_group_activate_action (G_ACTION_GROUP (window), "start-lesson", NULL);
  check_step (window, lesson, check, 0);

  /* Another project ends the lesson. */
  {
    g_autofree char *other_path = sl_test_temp_path ("other.sightline");
    g_autoptr(GFile) other = g_file_new_for_path (other_path);

    g_assert_true (sl_window_create_project (window, other));
    g_assert_null (sl_lesson_panel_get_lesson (window->lesson_panel));
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->lesson_panel)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

/* Open Lesson… through the file chooser, answered with @path. */
static void
choose_lesson (SlWindow   *window,
               const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-lesson", NULL);
  sl_test_wait_for_idle ();
  dialog = sl_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Open Lesson");
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, &error));
  g_assert_no_error (error);
  /* The chooser selects the file once it has listed its folder. */
  for (;;)
    {
      g_autoptr(GFile) chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (chosen != NULL && g_file_equal (chosen, file))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  sl_test_wait_for_idle ();
  g_assert_null (sl_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
}

/* A teacher's own lesson, a broken one, and the demo lesson in Spanish. */
static void
test_lesson_files (void)
{
  g_autofree char *bad = sl_test_write_temp_file ("bad-lesson.json",
                                                  "{\"format\": \"sightline-lesson\", \"version\": 1,\n"
                                                  "\"title\": \"Mine\", \"steps\": [{\"title\": \"One\",\n"
                                                  "\"text\": \"A\", \"state\": {\"zoom\": 12}}]}");
  g_autofree char *good = sl_test_write_temp_file ("student.json",
                                                   "{\"format\": \"sightline-lesson\", \"version\": 1,\n"
                                                   "\"title\": \"The student\", \"steps\": [\n"
                                                   "{\"title\": \"Campus days\", \"text\": \"ZS52118 drives to SCSU.\",\n"
                                                   " \"state\": {\"plate\": \"ZS52118\"}},\n"
                                                   "{\"title\": \"The week of 4 February\", \"text\": \"One week.\",\n"
                                                   " \"state\": {\"time-range\": {\"start\": \"2019-02-04T05:00:00Z\","
                                                   " \"end\": \"2019-02-11T05:00:00Z\"}}}]}");
  g_autofree char *message = g_strdup_printf ("%s:3: step 1: field “state.zoom”: unknown field", bad);
  g_autofree char *uri = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(SlLesson) spanish = load_demo_lesson ();
  const char * const es[] = { "es", NULL };
  SlWindow *window = new_window ();
  AdwMessageDialog *dialog;
  GtkLabel *label;
  SlReadFilter filter;

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-demo", NULL);
  while (sl_window_get_project (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  wait_for_workspace (window->workspace);

  /* A mistake is named, with file, line, step and field; nothing starts. */
  choose_lesson (window, bad);
  dialog = ADW_MESSAGE_DIALOG (sl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open Lesson");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, message);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (sl_lesson_panel_get_lesson (window->lesson_panel));

  /* A teacher's lesson runs like the demo's, and is remembered by URI. */
  choose_lesson (window, good);
  g_assert_nonnull (sl_lesson_panel_get_lesson (window->lesson_panel));
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window->lesson_panel), SL_TYPE_LESSON_PANEL,
                                                    "progress_label"));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "Step 1 of 2 · The student");
  while (g_strcmp0 (window->workspace->track_plate, "ZS52118") != 0)
    g_main_context_iteration (NULL, TRUE);
  press (window, GDK_KEY_Page_Down);
  sl_timeline_get_filter (sl_map_view_get_timeline (window->workspace->map_view), &filter);
  g_assert_cmpint (filter.start, ==, 1549256400);
  g_assert_cmpint (filter.end, ==, 1549256400 + 7 * 86400);
  {
    g_autoptr(GFile) file = g_file_new_for_path (good);

    uri = g_file_get_uri (file);
  }
  saved = sl_project_dup_meta (sl_window_get_project (window), "lesson");
  g_assert_cmpstr (saved, ==, uri);
  press (window, GDK_KEY_Escape);

  /* In Spanish, the lesson's own translations. */
  g_setenv ("LANGUAGE", "es", TRUE);
  g_action_group_activate_action (G_ACTION_GROUP (window), "start-lesson", NULL);
  sl_lesson_set_languages (spanish, es);
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window->lesson_panel), SL_TYPE_LESSON_PANEL,
                                                    "title_label"));
  g_assert_cmpstr (gtk_label_get_text (label), ==, sl_lesson_get_step_title (spanish, 0));
  g_assert_cmpstr (gtk_label_get_text (label), ==, "La semana de un coche");
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window->lesson_panel), SL_TYPE_LESSON_PANEL,
                                                    "text_label"));
  g_assert_cmpstr (gtk_label_get_text (label), ==, sl_lesson_get_step_text (spanish, 0));
  press (window, GDK_KEY_Page_Down);
  press (window, GDK_KEY_Page_Down);
  press (window, GDK_KEY_Page_Down);
  g_assert_cmpstr (gtk_label_get_text (label), ==, sl_lesson_get_step_text (spanish, 3));
  sl_test_render_to_png (GTK_WIDGET (window), "lesson-es.png");
  g_unsetenv ("LANGUAGE");

  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sl_test_ui_init (&argc, &argv);
  g_assert_cmpint (argc, ==, 2);
  /* "Start Lesson" opens the user's copy of the demo the build made. */
  g_setenv ("SIGHTLINE_DEMO_PROJECT", argv[1], TRUE);
  g_setenv ("GSK_RENDERER", "cairo", TRUE);

  app = sl_test_ui_new_application ("io.github.sightline.Sightline.LessonTest", G_APPLICATION_NON_UNIQUE);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/lesson-ui/steps", test_lesson_steps);
  g_test_add_func ("/lesson-ui/files", test_lesson_files);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
