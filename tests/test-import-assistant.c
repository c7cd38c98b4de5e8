/* test-import-assistant.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "sl-application.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-import-assistant-private.h"
#include "sl-read-store.h"
#include "sl-sharing-import.h"
#include "sl-window-private.h"

/* One application for the whole run: GTK can only be set up once. */
static SlApplication *app;

/* US month-first dates, all ambiguous (day ≤ 12) so the day-first switch
 * changes how they read; line 4 has a bad latitude, line 6 a date that is
 * none, line 7 no plate, and line 8 repeats line 3 exactly. */
static const char reads_csv[] =
  "Plate Number;Date;Time;Lat;Long;Device\n"
  "abc-123;03/04/2019;07:42:10 PM;41.1415;-73.3579;CAM-1\n"
  "xyz 789;03/05/2019;08:00:00 AM;41.2;-73.4;CAM-2\n"
  "abc-123;03/06/2019;09:15:00 AM;north;-73.3579;CAM-1\n"
  "DEF-456;03/07/2019;10:30:00 AM;41.3;-73.5;CAM-1\n"
  "DEF-456;yesterday;10:30:00 AM;41.3;-73.5;CAM-1\n"
  ";03/08/2019;11:00:00 AM;41.3;-73.5;CAM-1\n"
  "xyz 789;03/05/2019;08:00:00 AM;41.2;-73.4;CAM-2\n"
  "GHI-1;03/09/2019;12:00:00 PM;41.4;-73.6;CAM-3\n";

static void
wait_for_page (SlImportAssistant *assistant,
               const char        *page)
{
  while (g_strcmp0 (gtk_stack_get_visible_child_name (assistant->stack), page) != 0)
    g_main_context_iteration (NULL, TRUE);
}

static SlWindow *
new_window_with_project (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  SlWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  path = g_build_filename (g_get_user_data_dir (), name, NULL);
  file = g_file_new_for_path (path);

  window = sl_window_new (app);
  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_CREATE));
  gtk_window_present (GTK_WINDOW (window));
  sl_test_wait_for_mapped (GTK_WIDGET (window));

  return window;
}

static SlImportAssistant *
start_assistant (SlWindow   *window,
                 const char *csv_path)
{
  g_autoptr(GFile) file = g_file_new_for_path (csv_path);
  SlImportAssistant *assistant = _sl_window_import_reads (window, file);

  wait_for_page (assistant, "preview");
  while (assistant->worker == NULL)
    g_main_context_iteration (NULL, TRUE);
  sl_test_wait_for_idle ();

  return assistant;
}

static void
read_store_summary (const char         *path,
                    SlReadStoreSummary *summary)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);

  g_assert_no_error (error);
  g_assert_true (sl_read_store_get_summary (project, summary, &error));
  g_assert_no_error (error);
}

/* The text of the parsed-values grid at @column of preview row @row. */
static const char *
parsed_cell (SlImportAssistant *assistant,
             int                column,
             int                row)
{
  GtkWidget *label = gtk_grid_get_child_at (assistant->parsed_grid, column, row + 1);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static GtkDropDown *
role_dropdown (SlImportAssistant *assistant,
               guint              column)
{
  return g_ptr_array_index (assistant->role_dropdowns, column);
}

static GtkLabel *
find_label_with_class (GtkWidget  *widget,
                       const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return GTK_LABEL (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label = find_label_with_class (child, css_class);

      if (label != NULL)
        return label;
    }

  return NULL;
}

/* "Title = value" for each row of a summary list. */
static char *
list_rows (GtkListBox *list)
{
  GString *rows = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      GtkLabel *value = find_label_with_class (GTK_WIDGET (row), "numeric");

      g_assert_nonnull (value);
      g_string_append_printf (rows, "%s = %s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              gtk_label_get_text (value));
    }

  return g_string_free (rows, FALSE);
}

static void
count_signal (gpointer  instance,
              guint    *count)
{
  (*count)++;
}

/* What clicking a response button does: respond, then close. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  sl_test_wait_for_idle ();
}

static AdwMessageDialog *
wait_for_message_dialog (void)
{
  for (;;)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
            return ADW_MESSAGE_DIALOG (window);
        }
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_import_reads (void)
{
  g_autofree char *csv_path = sl_test_write_temp_file ("reads.csv", reads_csv);
  g_autofree char *report_path = g_build_filename (g_get_user_data_dir (), "problems.csv", NULL);
  g_autoptr(GFile) report_file = g_file_new_for_path (report_path);
  g_autofree char *report = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *reasons = NULL;
  g_autofree char *description = NULL;
  SlWindow *window = new_window_with_project ("import.sightline");
  g_autofree char *project_path = g_strdup (sl_project_get_path (sl_window_get_project (window)));
  SlImportAssistant *assistant;
  const SlImportSummary *summary;
  SlReadStoreSummary stored;
  AdwMessageDialog *dialog;
  guint changed = 0;

  g_signal_connect (window, "project-changed", G_CALLBACK (count_signal), &changed);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "import-reads"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "import-sharing"));

  assistant = start_assistant (window, csv_path);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (assistant)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (assistant)));

  /* Roles detected from the header. */
  g_assert_cmpuint (assistant->role_dropdowns->len, ==, 6);
  g_assert_cmpuint (gtk_drop_down_get_selected (role_dropdown (assistant, 0)), ==, SL_COLUMN_ROLE_PLATE);
  g_assert_cmpuint (gtk_drop_down_get_selected (role_dropdown (assistant, 1)), ==, SL_COLUMN_ROLE_DATE);
  g_assert_cmpuint (gtk_drop_down_get_selected (role_dropdown (assistant, 2)), ==, SL_COLUMN_ROLE_TIME);
  g_assert_cmpuint (gtk_drop_down_get_selected (role_dropdown (assistant, 3)), ==, SL_COLUMN_ROLE_LATITUDE);
  g_assert_cmpuint (gtk_drop_down_get_selected (role_dropdown (assistant, 4)), ==, SL_COLUMN_ROLE_LONGITUDE);
  g_assert_cmpuint (gtk_drop_down_get_selected (role_dropdown (assistant, 5)), ==, SL_COLUMN_ROLE_CAMERA);
  g_assert_cmpstr (gtk_label_get_text (assistant->file_label), ==, "reads.csv");
  g_assert_cmpstr (gtk_label_get_text (assistant->format_label), ==,
                   "Semicolon-separated · 6 columns · the first 5 rows shown");

  /* The switch starts from the preference (on by default). */
  g_assert_true (gtk_switch_get_active (assistant->pseudonymise_switch));

  /* No agency column: Import waits for the owner agency, and says so. */
  gtk_editable_set_text (GTK_EDITABLE (assistant->time_zone_row), "America/New_York");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (assistant->import_button)));
  g_assert_true (gtk_widget_get_visible (assistant->problem_box));
  g_assert_cmpstr (gtk_label_get_text (assistant->problem_label), ==,
                   "The file has no agency column: name the agency that owns these reads.");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (assistant->import_button)), ==,
                   "The file has no agency column: name the agency that owns these reads.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (assistant->agency_row), "error"));
  /* “Show” takes the user to the option below the tables. */
  g_signal_emit_by_name (assistant->problem_button, "clicked");
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (assistant)),
                                         GTK_WIDGET (assistant->agency_row)));
  sl_test_render_to_png (GTK_WIDGET (assistant), "import-preview-no-agency.png");

  /* Parsed as the import would store them, in the chosen zone and UTC. */
  g_assert_cmpstr (parsed_cell (assistant, 0, 0), ==, "ABC123");
  g_assert_cmpstr (parsed_cell (assistant, 1, 0), ==, "2019-03-04 19:42:10 EST");
  g_assert_cmpstr (parsed_cell (assistant, 2, 0), ==, "2019-03-05T00:42:10Z");
  g_assert_cmpstr (parsed_cell (assistant, 3, 0), ==, "41.141500");
  g_assert_cmpstr (parsed_cell (assistant, 4, 0), ==, "-73.357900");
  g_assert_cmpstr (parsed_cell (assistant, 5, 0), ==, "CAM-1");
  g_assert_cmpstr (parsed_cell (assistant, 0, 1), ==, "XYZ789");
  g_assert_cmpstr (parsed_cell (assistant, 0, 2), ==,
                   "line 4, field “Lat”: “north” is not a latitude");

  /* A changed role parses the preview again. */
  gtk_drop_down_set_selected (role_dropdown (assistant, 5), SL_COLUMN_ROLE_IGNORE);
  g_assert_cmpstr (parsed_cell (assistant, 5, 0), ==, "");
  /* A role belongs to one column: giving Lat's role to Long ignores Lat. */
  gtk_drop_down_set_selected (role_dropdown (assistant, 4), SL_COLUMN_ROLE_LATITUDE);
  g_assert_cmpuint (gtk_drop_down_get_selected (role_dropdown (assistant, 3)), ==, SL_COLUMN_ROLE_IGNORE);
  g_assert_cmpstr (gtk_label_get_text (assistant->problem_label), ==,
                   "Choose the column that holds the longitudes.");
  gtk_drop_down_set_selected (role_dropdown (assistant, 3), SL_COLUMN_ROLE_LATITUDE);
  gtk_drop_down_set_selected (role_dropdown (assistant, 4), SL_COLUMN_ROLE_LONGITUDE);
  gtk_drop_down_set_selected (role_dropdown (assistant, 5), SL_COLUMN_ROLE_CAMERA);
  g_assert_cmpstr (parsed_cell (assistant, 5, 0), ==, "CAM-1");

  /* Day first: 03/04 is the 3rd of April, in daylight saving time. */
  gtk_switch_set_active (assistant->day_first_switch, TRUE);
  g_assert_cmpstr (parsed_cell (assistant, 1, 0), ==, "2019-04-03 19:42:10 EDT");
  g_assert_cmpstr (parsed_cell (assistant, 2, 0), ==, "2019-04-03T23:42:10Z");
  gtk_switch_set_active (assistant->day_first_switch, FALSE);
  g_assert_cmpstr (parsed_cell (assistant, 2, 0), ==, "2019-03-05T00:42:10Z");

  /* An unknown zone blocks the import too. */
  gtk_editable_set_text (GTK_EDITABLE (assistant->time_zone_row), "Mars/Olympus_Mons");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (assistant->import_button)));
  g_assert_cmpstr (gtk_label_get_text (assistant->problem_label), ==,
                   "“Mars/Olympus_Mons” is not a time zone this computer knows; enter a name such as "
                   "America/New_York.");
  gtk_editable_set_text (GTK_EDITABLE (assistant->time_zone_row), "America/New_York");

  gtk_editable_set_text (GTK_EDITABLE (assistant->agency_row), "Westport PD");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (assistant->import_button)));
  g_assert_false (gtk_widget_get_visible (assistant->problem_box));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (assistant->agency_row), "error"));
  g_assert_cmpstr (parsed_cell (assistant, 6, 0), ==, "Westport PD");
  gtk_switch_set_active (assistant->pseudonymise_switch, FALSE);
  sl_test_render_to_png (GTK_WIDGET (assistant), "import-preview.png");

  gtk_widget_activate (GTK_WIDGET (assistant->import_button));
  wait_for_page (assistant, "result");

  summary = sl_read_importer_get_summary (assistant->importer);
  g_assert_cmpuint (summary->rows_read, ==, 8);
  g_assert_cmpuint (summary->rows_imported, ==, 4);
  g_assert_cmpuint (summary->rows_duplicate, ==, 1);
  g_assert_cmpuint (summary->rows_skipped, ==, 3);
  g_assert_cmpuint (changed, ==, 1);

  counts = list_rows (assistant->counts_list);
  g_assert_cmpstr (counts, ==,
                   "Rows read = 8\n"
                   "Reads imported = 4\n"
                   "Exact duplicates dropped = 1\n"
                   "Rows skipped = 3\n");
  reasons = list_rows (assistant->reasons_list);
  g_assert_cmpstr (reasons, ==,
                   "Empty plate = 1\n"
                   "Latitude not a number = 1\n"
                   "Date or time not understood = 1\n");
  g_assert_true (gtk_widget_get_visible (assistant->reasons_box));
  g_assert_cmpstr (adw_status_page_get_title (assistant->result_page), ==, "Import Complete");
  description = g_strdup_printf ("4 reads of “reads.csv” are now in the project. The import took %.1f s.",
                                 summary->seconds);
  g_assert_cmpstr (adw_status_page_get_description (assistant->result_page), ==, description);
  sl_test_render_to_png (GTK_WIDGET (assistant), "import-summary.png");

  _sl_import_assistant_save_problem_report (assistant, report_file);
  while (assistant->saving_report)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_file_get_contents (report_path, &report, NULL, NULL));
  g_assert_cmpstr (report, ==,
                   "line,field,reason,message,value\r\n"
                   "4,Lat,invalid-latitude,“north” is not a latitude,north\r\n"
                   "6,Date,invalid-time,“yesterday” is not a date and time in the column’s format,yesterday\r\n"
                   "7,Plate Number,empty-plate,the plate is empty,\r\n");

  read_store_summary (project_path, &stored);
  g_assert_cmpint (stored.reads, ==, 4);
  g_assert_cmpint (stored.datasets, ==, 1);
  gtk_window_destroy (GTK_WINDOW (assistant));
  sl_test_wait_for_idle ();

  /* The same file again: asked first; “Cancel” changes nothing. */
  assistant = start_assistant (window, csv_path);
  gtk_editable_set_text (GTK_EDITABLE (assistant->agency_row), "Westport PD");
  gtk_widget_activate (GTK_WIDGET (assistant->import_button));
  dialog = wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import This File Again?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "“reads.csv” is already in this project. Importing it again adds its rows as "
                   "another dataset.");
  respond (dialog, "cancel");
  wait_for_page (assistant, "preview");
  read_store_summary (project_path, &stored);
  g_assert_cmpint (stored.datasets, ==, 1);

  /* “Import Again” imports with the same choices. */
  gtk_widget_activate (GTK_WIDGET (assistant->import_button));
  dialog = wait_for_message_dialog ();
  respond (dialog, "import");
  wait_for_page (assistant, "result");
  g_assert_cmpstr (adw_status_page_get_title (assistant->result_page), ==, "Import Complete");
  read_store_summary (project_path, &stored);
  g_assert_cmpint (stored.datasets, ==, 2);
  g_assert_cmpuint (changed, ==, 2);

  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

static void
test_import_cancel (void)
{
  g_autofree char *csv_path = sl_test_write_temp_file ("cancel.csv", reads_csv);
  SlWindow *window = new_window_with_project ("cancel.sightline");
  g_autofree char *project_path = g_strdup (sl_project_get_path (sl_window_get_project (window)));
  SlImportAssistant *assistant;
  SlReadStoreSummary before;
  SlReadStoreSummary after;
  SlTestGate *gate;
  guint changed = 0;

  g_signal_connect (window, "project-changed", G_CALLBACK (count_signal), &changed);
  read_store_summary (project_path, &before);

  assistant = start_assistant (window, csv_path);
  gtk_editable_set_text (GTK_EDITABLE (assistant->agency_row), "Westport PD");

  /* The import stays queued while the test looks at the progress page
   * and cancels. */
  gate = sl_test_gate_hold (assistant->worker);

  /* A click, not gtk_widget_activate(), which clicks after a delay. */
  g_signal_emit_by_name (assistant->import_button, "clicked");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (assistant->stack), ==, "importing");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (assistant->import_button)));
  g_assert_cmpstr (gtk_label_get_text (assistant->progress_label), ==, "Starting…");
  sl_test_render_to_png (GTK_WIDGET (assistant), "import-progress.png");

  g_signal_emit_by_name (assistant->stop_button, "clicked");
  g_assert_cmpstr (gtk_label_get_text (assistant->progress_label), ==, "Cancelling…");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (assistant->stop_button)));

  sl_test_gate_release (gate);

  wait_for_page (assistant, "result");
  g_assert_cmpstr (adw_status_page_get_title (assistant->result_page), ==, "Import Cancelled");
  g_assert_cmpstr (adw_status_page_get_description (assistant->result_page), ==,
                   "Nothing was imported: the project is exactly as it was before.");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (assistant->counts_list)));
  g_assert_cmpuint (changed, ==, 0);
  sl_test_render_to_png (GTK_WIDGET (assistant), "import-cancelled.png");

  read_store_summary (project_path, &after);
  g_assert_cmpint (after.reads, ==, before.reads);
  g_assert_cmpint (after.datasets, ==, before.datasets);
  g_assert_cmpint (after.plates, ==, before.plates);
  g_assert_cmpint (after.agencies, ==, before.agencies);
  g_assert_cmpint (after.cameras, ==, before.cameras);

  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

static void
test_import_sharing (void)
{
  g_autofree char *edges_path = sl_test_write_temp_file ("westport-sharing.csv",
                                                 "owner,recipient\n"
                                                 "Westport PD,Norwalk Police Department\n"
                                                 "Westport PD,Fairfield PD\n");
  g_autoptr(GFile) edges = g_file_new_for_path (edges_path);
  SlWindow *window = new_window_with_project ("sharing.sightline");
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  guint changed = 0;

  g_signal_connect (window, "project-changed", G_CALLBACK (count_signal), &changed);
  sl_sharing_import_run (window, edges);

  dialog = wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import Sharing Edges?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "“westport-sharing.csv” lists who shares plate reads with whom. The edges are "
                   "added to the scenario named below, which is created when new.");
  entry = gtk_widget_get_last_child (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "westport-sharing");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Documented 2019");
  sl_test_render_to_png (GTK_WIDGET (dialog), "import-sharing-confirm.png");
  respond (dialog, "import");

  dialog = wait_for_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Sharing Configuration Imported");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "2 sharing edges went into the scenario “Documented 2019”. Of the agency names, "
                   "0 matched agencies in the project, 3 were added as new agencies and 0 were "
                   "ambiguous.");
  g_assert_cmpuint (changed, ==, 1);
  sl_test_render_to_png (GTK_WIDGET (dialog), "import-sharing-report.png");
  respond (dialog, "close");

  /* A bad row: nothing is imported, and the message names file, line and
   * field. */
  {
    g_autofree char *bad_path = sl_test_write_temp_file ("bad-sharing.csv",
                                                 "owner,recipient,kind\n"
                                                 "Westport PD,Fairfield PD,reads\n"
                                                 "Westport PD,Norwalk PD,photos\n");
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
    g_autofree char *expected = g_strdup_printf ("%s:3: field “kind”: unknown kind “photos” "
                                                 "(expected reads or hotlists)", bad_path);

    sl_sharing_import_run (window, bad);
    dialog = wait_for_message_dialog ();
    respond (dialog, "import");
    dialog = wait_for_message_dialog ();
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                     "Could Not Import the Sharing Configuration");
    g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected);
    g_assert_cmpuint (changed, ==, 1);
    respond (dialog, "close");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

static SlImportAssistant *
find_assistant (void)
{
  return (SlImportAssistant *) sl_test_find_toplevel (SL_TYPE_IMPORT_ASSISTANT);
}

/* A CSV dropped on the window starts the assistant on it. */
static void
test_drop_file (void)
{
  g_autofree char *csv_path = sl_test_write_temp_file ("dropped.csv", reads_csv);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_auto(GValue) value = G_VALUE_INIT;
  SlWindow *window = new_window_with_project ("drop.sightline");
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  SlImportAssistant *assistant;
  GSList files = { csv, NULL };
  gboolean accepted = FALSE;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.sightline.Sightline");

  g_assert_nonnull (target);
  g_assert_null (find_assistant ());
  /* The preferences give the assistant's defaults. */
  g_settings_set_string (settings, "import-time-zone", "Europe/Madrid");
  g_settings_set_boolean (settings, "pseudonymise-plates", FALSE);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_set_boxed (&value, &files);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_assert_true (accepted);

  assistant = find_assistant ();
  g_assert_nonnull (assistant);
  wait_for_page (assistant, "preview");
  g_assert_cmpstr (gtk_label_get_text (assistant->file_label), ==, "dropped.csv");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (assistant->time_zone_row)), ==, "Europe/Madrid");
  g_assert_false (gtk_switch_get_active (assistant->pseudonymise_switch));
  g_assert_cmpstr (parsed_cell (assistant, 1, 0), ==, "2019-03-04 19:42:10 CET");
  g_assert_cmpstr (parsed_cell (assistant, 2, 0), ==, "2019-03-04T18:42:10Z");
  g_settings_reset (settings, "import-time-zone");
  g_settings_reset (settings, "pseudonymise-plates");

  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  sl_test_ui_init (&argc, &argv);

  app = sl_test_ui_new_application ("io.github.sightline.Sightline.Test",
                                    G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_hold (G_APPLICATION (app));

  g_test_add_func ("/import-assistant/import-reads", test_import_reads);
  g_test_add_func ("/import-assistant/cancel", test_import_cancel);
  g_test_add_func ("/import-assistant/sharing", test_import_sharing);
  g_test_add_func ("/import-assistant/drop-file", test_drop_file);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
