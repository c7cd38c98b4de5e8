/* test-window.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <sqlite3.h>

#include "sl-about-data-window.h"
#include "sl-application.h"
#include "sl-test-ui-utils.h"
#include "sl-test-utils.h"
#include "sl-demo-generator.h"
#include "sl-exposure-pane-private.h"
#include "sl-map-overlays.h"
#include "sl-project-private.h"
#include "sl-read-importer.h"
#include "sl-workspace-private.h"
#include "sl-preferences-window.h"
#include "sl-window-private.h"

/* One application for the whole run: GTK can only be set up once. */
static SlApplication *app;

static void
destroy_toplevels (GType type)
{
  GtkWindow *window;

  while ((window = sl_test_find_toplevel (type)) != NULL)
    gtk_window_destroy (window);
  sl_test_wait_for_idle ();
}

static SlWindow *
new_mapped_window (void)
{
  SlWindow *window = sl_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  sl_test_wait_for_mapped (GTK_WIDGET (window));
  sl_test_wait_for_idle ();

  return window;
}

static void
test_window_renders (void)
{
  SlWindow *window = new_mapped_window ();
  GtkWidget *blank = gtk_window_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) blank_texture = NULL;
  g_autofree char *png = g_test_build_filename (G_TEST_BUILT, "empty-window.png", NULL);
  guint colours;
  guint blank_colours;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");

  texture = sl_test_render_widget (GTK_WIDGET (window));
  colours = sl_test_count_colours (texture);
  g_test_message ("main window: %d×%d, %u colours",
                  gdk_texture_get_width (texture), gdk_texture_get_height (texture), colours);

  /* The control: an empty window really is counted as nearly blank. */
  gtk_window_set_default_size (GTK_WINDOW (blank), 200, 200);
  gtk_window_set_decorated (GTK_WINDOW (blank), FALSE);
  gtk_window_present (GTK_WINDOW (blank));
  sl_test_wait_for_mapped (blank);
  sl_test_wait_for_idle ();
  blank_texture = sl_test_render_widget (blank);
  blank_colours = sl_test_count_colours (blank_texture);
  g_test_message ("blank window: %u colours", blank_colours);

  g_assert_cmpuint (blank_colours, <=, 2);
  g_assert_cmpuint (colours, >=, 64);

  g_assert_true (gdk_texture_save_to_png (texture, png));
  g_test_message ("saved %s", png);

  gtk_window_destroy (GTK_WINDOW (blank));
  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

/* Appends "label → action" for each item of @menu, sections included,
 * and "label ▸" before a submenu's items. */
static void
collect_menu_items (GMenuModel *menu,
                    GString    *items)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);
      g_autofree char *label = NULL;
      g_autofree char *action = NULL;

      if (section != NULL)
        {
          collect_menu_items (section, items);
          continue;
        }
      if (submenu != NULL)
        {
          g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
          g_string_append_printf (items, "%s ▸\n", label);
          collect_menu_items (submenu, items);
          continue;
        }

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label));
      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action));
      g_string_append_printf (items, "%s → %s\n", label, action);
    }
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_primary_menu (void)
{
  SlWindow *window = new_mapped_window ();
  GtkMenuButton *button = GTK_MENU_BUTTON (find_descendant (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON));
  g_autoptr(GString) items = g_string_new (NULL);

  g_assert_nonnull (button);
  g_assert_true (gtk_menu_button_get_primary (button));
  collect_menu_items (gtk_menu_button_get_menu_model (button), items);
  g_assert_cmpstr (items->str, ==,
                   "_Open Project… → win.open-project\n"
                   "_New Project… → win.new-project\n"
                   "Open _Demo Project → win.open-demo\n"
                   "Start _Lesson → win.start-lesson\n"
                   "Open L_esson… → win.open-lesson\n"
                   "_Import Plate Reads… → win.import-reads\n"
                   "Import _Sharing Configuration… → win.import-sharing\n"
                   "_Export ▸\n"
                   "_Vehicle Report… → win.export-report\n"
                   "Vehicle _Track… → win.export-track\n"
                   "_Map View… → win.export-map\n"
                   "Sharing _Flow Diagram… → win.export-diagram\n"
                   "Save a _Copy for Sharing… → win.save-sharing-copy\n"
                   "_Preferences → app.preferences\n"
                   "About _This Data → win.about-data\n"
                   "_Keyboard Shortcuts → win.show-help-overlay\n"
                   "_About Sightline → app.about\n");

  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

static void
test_window_actions (void)
{
  SlWindow *window = new_mapped_window ();
  static const struct {
    const char *action;
    gboolean    enabled;
  } expected_actions[] = {
    { "open-project", TRUE },
    { "new-project", TRUE },
    { "show-help-overlay", TRUE },
    { "open-demo", TRUE },
    { "about-data", TRUE },
    { "presentation-mode", TRUE },
    { "start-lesson", TRUE },
    /* A lesson file sets up a project (test-lesson-ui enables it). */
    { "open-lesson", FALSE },
    /* Imports need a project (test-import-assistant enables them). */
    { "import-reads", FALSE },
    { "import-sharing", FALSE },
    { "save-sharing-copy", FALSE },
    /* Exports need a project too. */
    { "export-map", FALSE },
    { "export-diagram", FALSE },
    { "export-report", FALSE },
    { "export-track", FALSE },
  };
  static const struct {
    const char *action;
    const char *accel;
  } expected_accels[] = {
    { "win.open-project", "<Control>o" },
    { "win.new-project", "<Control>n" },
    { "win.import-reads", "<Control>i" },
    { "win.export-report", "<Control>e" },
    { "win.export-map", "<Shift><Control>e" },
    { "app.preferences", "<Control>comma" },
    { "win.show-help-overlay", "<Control>question" },
    { "app.quit", "<Control>q" },
    { "window.close", "<Control>w" },
    { "win.presentation-mode", "F5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected_actions); i++)
    {
      g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), expected_actions[i].action));
      g_assert_cmpint (g_action_group_get_action_enabled (G_ACTION_GROUP (window), expected_actions[i].action),
                       ==, expected_actions[i].enabled);
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected_accels); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                     expected_accels[i].action);

      g_assert_cmpuint (g_strv_length (accels), ==, 1);
      g_assert_cmpstr (accels[0], ==, expected_accels[i].accel);
    }

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));

  /* The help overlay is loaded from resources/gtk/help-overlay.ui. */
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  sl_test_render_to_png (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))),
                 "shortcuts-window.png");

  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

static void
test_window_opens_project (void)
{
  g_autofree char *path = sl_test_temp_path ("Fairfield 2019.sightline");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlProject) created = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  SlWindow *window = new_mapped_window ();
  SlProject *project;

  created = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&created);

  g_assert_null (sl_window_get_project (window));
  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  sl_test_wait_for_idle ();

  project = sl_window_get_project (window);
  g_assert_nonnull (project);
  g_assert_cmpstr (sl_project_get_path (project), ==, path);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "project");
  g_assert_true (sl_workspace_get_project (window->workspace) == project);
  g_assert_cmpstr (adw_window_title_get_title (window->window_title), ==, "Fairfield 2019");
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, folder);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Fairfield 2019 — Sightline");
  g_assert_null (sl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  sl_test_render_to_png (GTK_WIDGET (window), "project-window.png");

  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

/* Save a Copy for Sharing: the file chooser, the copy written in a thread,
 * and a dialog saying what was removed (test-share-copy checks the bytes
 * of such copies). */
static void
test_window_save_sharing_copy (void)
{
  g_autofree char *path = sl_test_temp_path ("Bridgeport 2019.sightline");
  g_autofree char *folder = sl_test_temp_path ("From the union");
  g_autofree char *csv = g_build_filename (folder, "reads.csv", NULL);
  g_autofree char *copy_path = sl_test_temp_path ("for the editor.sightline");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlProject) project = NULL;
  g_autoptr(SlProject) copy = NULL;
  g_autoptr(SlReadImporter) importer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *current_name = NULL;
  SlWindow *window = new_mapped_window ();
  GtkWindow *chooser;
  AdwMessageDialog *dialog;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (csv, "plate,read_at,latitude,longitude\n"
                                           "ABC1234,2019-03-01 07:42:10,41.18,-73.19\n", -1, NULL));
  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  importer = sl_read_importer_new (csv);
  sl_read_importer_set_owner_agency (importer, "Bridgeport PD");
  g_assert_true (sl_read_importer_run (importer, project, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&project);

  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "save-sharing-copy"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "save-sharing-copy", NULL);
  sl_test_wait_for_idle ();
  chooser = sl_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (chooser), ==, "Save a Copy for Sharing");
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  current_name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (current_name, ==, "Bridgeport 2019 (shared).sightline");
  /* It opens in the project's folder. */
  {
    g_autoptr(GFile) shown = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
    g_autoptr(GFile) parent = g_file_get_parent (file);

    g_assert_true (g_file_equal (shown, parent));
  }
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "for the editor.sightline");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  while ((dialog = ADW_MESSAGE_DIALOG (sl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG))) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Copy for Sharing Saved");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Removed the folder of 1 imported file (its name is kept).\n"
                   "There was no pseudonym key to remove.\n"
                   "Left out 0 free pages (deleted data SQLite keeps).\n"
                   "Still in the copy: the plates of 1 dataset imported without pseudonyms, "
                   "and every read’s time and place.");
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "save-sharing-copy"));
  sl_test_render_to_png (GTK_WIDGET (dialog), "sharing-copy-saved.png");

  copy = sl_project_open (copy_path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sl_test_query_int (copy, "SELECT count(*) FROM datasets WHERE file_path = 'reads.csv'"), ==, 1);
  g_assert_cmpint (sl_test_query_int (copy, "SELECT count(*) FROM reads"), ==, 1);

  destroy_toplevels (ADW_TYPE_MESSAGE_DIALOG);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

static void
wait_for_workspace (SlWorkspace *workspace)
{
  while (sl_workspace_is_loading (workspace))
    g_main_context_iteration (NULL, TRUE);
}

/* A page damaged where opening does not look: the workspace loads, then
 * the quick check it runs on the worker reports the damage in a dialog. */
static void
test_window_damaged_project (void)
{
  g_autofree char *path = sl_test_temp_path ("Damaged.sightline");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected = NULL;
  SlWindow *window;
  AdwMessageDialog *dialog;

  project = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (sl_project_begin (project, &error));
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *key = g_strdup_printf ("note-%05u", i);

      g_assert_true (sl_project_set_meta (project, key, "a note that fills pages of project_meta", &error));
    }
  g_assert_true (sl_project_commit (project, &error));
  g_assert_true (sl_project_exec (project, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_clear_object (&project);
  sl_test_damage_page (path, "project_meta");
  project = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_false (sl_project_quick_check (project, &expected));
  g_clear_object (&project);

  window = new_mapped_window ();
  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  wait_for_workspace (window->workspace);
  dialog = ADW_MESSAGE_DIALOG (sl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Project Damaged");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, expected->message);
  sl_test_render_to_png (GTK_WIDGET (dialog), "project-damaged.png");

  destroy_toplevels (ADW_TYPE_MESSAGE_DIALOG);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

/* The window shows exactly the message SlProject gives, and keeps showing
 * what it showed before. */
static void
assert_open_fails_with_core_message (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlProject) project = NULL;
  SlWindow *window = new_mapped_window ();
  AdwMessageDialog *dialog;

  project = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);
  g_assert_null (project);
  g_assert_nonnull (error);

  g_assert_false (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  sl_test_wait_for_idle ();

  g_assert_null (sl_window_get_project (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "empty");

  dialog = ADW_MESSAGE_DIALOG (sl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open Project");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, error->message);

  destroy_toplevels (ADW_TYPE_MESSAGE_DIALOG);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

static void
test_window_open_errors (void)
{
  g_autofree char *text_path = sl_test_temp_path ("reads.sightline");
  g_autofree char *newer_path = sl_test_temp_path ("newer.sightline");
  g_autofree char *missing_path = sl_test_temp_path ("missing.sightline");
  g_autoptr(SlProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  g_assert_true (g_file_set_contents (text_path, "plate,time\nABC123,2019-03-01\n", -1, NULL));
  assert_open_fails_with_core_message (text_path);

  assert_open_fails_with_core_message (missing_path);
  g_assert_false (g_file_test (missing_path, G_FILE_TEST_EXISTS));

  /* A project from a newer Sightline. */
  project = sl_project_open (newer_path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("PRAGMA user_version = %u", sl_project_get_latest_schema_version () + 1);
  g_clear_object (&project);
  {
    g_autoptr(GSubprocess) sqlite = NULL;

    /* Set the version with a second connection, as a newer app would. */
    sqlite = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sqlite3", newer_path, sql, NULL);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (sqlite, NULL, &error));
    g_assert_no_error (error);
  }
  assert_open_fails_with_core_message (newer_path);
}

/* Without a portal GtkFileChooserNative shows GTK's own dialog: check what
 * it offers, then cancel it as a user would. */
static void
test_window_file_choosers (void)
{
  SlWindow *window = new_mapped_window ();
  GtkWindow *dialog;
  g_autoptr(GListModel) filters = NULL;
  GtkFileFilter *filter;

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-project", NULL);
  sl_test_wait_for_idle ();
  dialog = sl_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "Open Project");
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==, GTK_FILE_CHOOSER_ACTION_OPEN);
  filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 2);
  filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
  g_assert_cmpstr (gtk_file_filter_get_name (filter), ==, "Sightline Projects");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  sl_test_wait_for_idle ();
  g_assert_null (sl_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_null (sl_window_get_project (window));

  g_action_group_activate_action (G_ACTION_GROUP (window), "new-project", NULL);
  sl_test_wait_for_idle ();
  dialog = sl_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (dialog), ==, "New Project");
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
  {
    /* Transfer full, unlike GTK 3's. */
    g_autofree char *current_name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));

    g_assert_cmpstr (current_name, ==, "Untitled.sightline");
  }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  sl_test_wait_for_idle ();
  g_assert_null (sl_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_null (sl_window_get_project (window));

  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

static void
test_window_creates_project (void)
{
  g_autofree char *chosen_path = sl_test_temp_path ("Norwalk");
  g_autofree char *path = sl_test_temp_path ("Norwalk.sightline");
  g_autofree char *notes_path = sl_test_temp_path ("notes.sightline");
  g_autofree char *trash_dir = g_build_filename (g_get_user_data_dir (), "Trash", "files", NULL);
  g_autofree char *trashed_path = g_build_filename (trash_dir, "notes.sightline", NULL);
  g_autofree char *trashed = NULL;
  g_autoptr(GFile) chosen = g_file_new_for_path (chosen_path);
  g_autoptr(GFile) notes = g_file_new_for_path (notes_path);
  SlWindow *window = new_mapped_window ();
  SlProject *project;

  /* The extension is added when the name lacks it. */
  g_assert_true (sl_window_create_project (window, chosen));
  project = sl_window_get_project (window);
  g_assert_cmpstr (sl_project_get_path (project), ==, path);
  g_assert_cmpuint (sl_project_get_schema_version (project), ==, sl_project_get_latest_schema_version ());
  g_assert_false (g_file_test (chosen_path, G_FILE_TEST_EXISTS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "project");

  /* A file the user agreed to replace goes to the trash, not away. GIO
   * uses the home trash only when the (isolated) home directory exists. */
  g_assert_cmpint (g_mkdir_with_parents (g_get_home_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (notes_path, "my notes", -1, NULL));
  g_assert_true (sl_window_create_project (window, notes));
  g_assert_cmpstr (sl_project_get_path (sl_window_get_project (window)), ==, notes_path);
  g_assert_true (g_file_get_contents (trashed_path, &trashed, NULL, NULL));
  g_assert_cmpstr (trashed, ==, "my notes");
  g_assert_null (sl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

static void
test_window_command_line_open (void)
{
  g_autofree char *path = sl_test_temp_path ("Westport.sightline");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SlProject) created = NULL;
  g_autoptr(GError) error = NULL;
  GList *windows;
  SlWindow *window;

  created = sl_project_open (path, SL_PROJECT_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_clear_object (&created);

  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* What `sightline FILE` does once the command line is parsed. */
  g_application_open (G_APPLICATION (app), &file, 1, "");
  sl_test_wait_for_idle ();

  windows = gtk_application_get_windows (GTK_APPLICATION (app));
  g_assert_cmpuint (g_list_length (windows), ==, 1);
  window = SL_WINDOW (windows->data);
  g_assert_nonnull (sl_window_get_project (window));
  g_assert_cmpstr (sl_project_get_path (sl_window_get_project (window)), ==, path);

  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

static void
test_window_size_is_restored (void)
{
  GSettings *settings = sl_application_get_settings (app);
  SlWindow *window;
  int width;
  int height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = sl_window_new (app);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  gtk_window_present (GTK_WINDOW (window));
  sl_test_wait_for_mapped (GTK_WIDGET (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 820, 600);
  sl_test_wait_for_idle ();
  /* What Ctrl+W does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "window.close", NULL));
  sl_test_wait_for_idle ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 820);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (app)));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static void
test_window_about (void)
{
  SlWindow *window = new_mapped_window ();
  AdwAboutWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  sl_test_wait_for_idle ();

  about = ADW_ABOUT_WINDOW (sl_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, "Sightline");
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_issue_url (about), ==, "https://github.com/sightline/sightline/issues");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  sl_test_render_to_png (GTK_WIDGET (about), "about-window.png");

  destroy_toplevels (ADW_TYPE_ABOUT_WINDOW);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

static void
test_window_preferences (void)
{
  GSettings *settings = sl_application_get_settings (app);
  SlWindow *window = new_mapped_window ();
  GtkWindow *preferences;
  GtkSwitch *online_tiles;
  GtkSwitch *pseudonymise;
  AdwEntryRow *time_zone;

  g_settings_reset (settings, "import-time-zone");
  g_settings_reset (settings, "online-tiles");
  g_settings_reset (settings, "pseudonymise-plates");

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  sl_test_wait_for_idle ();

  preferences = sl_test_find_toplevel (SL_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  online_tiles = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (preferences), SL_TYPE_PREFERENCES_WINDOW, "online_tiles_switch"));
  pseudonymise = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (preferences), SL_TYPE_PREFERENCES_WINDOW, "pseudonymise_switch"));
  time_zone = ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (preferences), SL_TYPE_PREFERENCES_WINDOW, "time_zone_row"));

  /* Privacy by default: no network, plates pseudonymised. */
  g_assert_false (gtk_switch_get_active (online_tiles));
  g_assert_true (gtk_switch_get_active (pseudonymise));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (time_zone)), ==, "");
  sl_test_render_to_png (GTK_WIDGET (preferences), "preferences-window.png");

  gtk_switch_set_active (online_tiles, TRUE);
  g_assert_true (g_settings_get_boolean (settings, "online-tiles"));
  g_settings_set_boolean (settings, "pseudonymise-plates", FALSE);
  g_assert_false (gtk_switch_get_active (pseudonymise));

  /* An unknown zone is refused and marked; a known one is stored. */
  gtk_editable_set_text (GTK_EDITABLE (time_zone), "Atlantis/Poseidonia");
  g_signal_emit_by_name (time_zone, "apply");
  {
    g_autofree char *zone = g_settings_get_string (settings, "import-time-zone");

    g_assert_cmpstr (zone, ==, "");
  }
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (time_zone), "error"));

  gtk_editable_set_text (GTK_EDITABLE (time_zone), " America/New_York ");
  g_signal_emit_by_name (time_zone, "apply");
  {
    g_autofree char *zone = g_settings_get_string (settings, "import-time-zone");

    g_assert_cmpstr (zone, ==, "America/New_York");
  }
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (time_zone), "error"));

  g_settings_reset (settings, "import-time-zone");
  g_settings_reset (settings, "online-tiles");
  g_settings_reset (settings, "pseudonymise-plates");

  destroy_toplevels (SL_TYPE_PREFERENCES_WINDOW);
  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
}

static gint64
query_int64 (SlProject  *project,
             const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (project), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static guint
node_named (SlWhatIf   *what_if,
            const char *name)
{
  return sl_test_node_named (sl_what_if_get_network (what_if), name);
}

/* Waits for the details pane's session for @plate under @scenario, then
 * checks its rows against one made here on another connection: one row
 * per viewer, ICE ERO's with the core's count. Returns that count. */
static guint
check_exposure (SlWorkspace *workspace,
                SlProject   *check,
                const char  *plate,
                const char  *scenario)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SlWhatIf) expected = sl_what_if_new_for_project (check, scenario, plate, &error);
  SlWhatIf *shown;
  GArray *exposure;
  const SlExposure *ice;
  guint total;
  guint n_ice;
  GtkListBoxRow *row;
  GtkListBoxRow *selected;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  /* The track comes first; the pane is emptied as it does. */
  while (g_strcmp0 (workspace->track_plate, plate) != 0 ||
         (shown = sl_exposure_pane_get_what_if (workspace->exposure_pane)) == NULL ||
         g_strcmp0 (sl_sharing_network_get_scenario (sl_what_if_get_network (shown)),
                    sl_sharing_network_get_scenario (sl_what_if_get_network (expected))) != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (workspace->exposure_pane)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (workspace->flow_diagram)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (workspace->exposure_status)));
  g_assert_true (sl_flow_diagram_get_what_if (workspace->flow_diagram) == shown);

  exposure = sl_what_if_get_exposure (expected);
  total = sl_what_if_get_n_reads (expected);
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (sl_what_if_get_n_reads (shown), ==, total);
  g_assert_cmpuint (sl_exposure_pane_get_n_rows (workspace->exposure_pane), ==, exposure->len);
  ice = sl_what_if_find_exposure (expected, node_named (expected, "ICE Enforcement and Removal Operations"));
  n_ice = ice != NULL ? ice->n_reads : 0;
  row = sl_exposure_pane_find_row (workspace->exposure_pane,
                                   node_named (shown, "ICE Enforcement and Removal Operations"));
  if (n_ice > 0)
    {
      text = g_strdup_printf ("%u of %u reads (%u%%)", n_ice, total, (n_ice * 100 + total / 2) / total);
      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_label_get_text (sl_exposure_row_get_reads_label (row)), ==, text);
    }
  else
    {
      g_assert_null (row);
    }

  /* The sidebar shows which scenario this is. */
  selected = gtk_list_box_get_selected_row (workspace->scenarios_list);
  g_assert_nonnull (selected);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (selected)), ==,
                   sl_sharing_network_get_scenario (sl_what_if_get_network (expected)));
  return n_ice;
}


/* The label of @row's read count (the suffix with the "numeric" class). */
static GtkLabel *
find_count_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "numeric"))
        return GTK_LABEL (child);
      if ((label = find_count_label (child)) != NULL)
        return label;
    }
  return NULL;
}

static double
map_zoom (SlWorkspace *workspace)
{
  return shumate_viewport_get_zoom_level (shumate_map_get_viewport (sl_map_view_get_map (workspace->map_view)));
}

/* Activates what Escape does in @window's presentation controller, as a
 * key press reaching the window would (its other shortcut controllers
 * also hold the children's shortcuts, for other widgets); returns whether
 * it was handled. */
static gboolean
press_escape (GtkWidget *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          g_strcmp0 (gtk_event_controller_get_name (GTK_EVENT_CONTROLLER (controller)), "presentation-escape") != 0)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == GDK_KEY_Escape &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            handled |= gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                     GTK_SHORTCUT_ACTION_EXCLUSIVE, window, NULL);
        }
    }
  return handled;
}

static double
font_size_points (GtkWidget *widget)
{
  PangoFontDescription *font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));

  return pango_font_description_get_size (font) / (double) PANGO_SCALE;
}

static gboolean
action_state (GActionGroup *group,
              const char   *name)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (group, name);

  return g_variant_get_boolean (state);
}

/* Presentation mode on a workspace showing a vehicle's exposure: F5 (the
 * action) gives large type, the contrast class, fullscreen, the sidebar
 * folded with the map's legend instead, no folder in the title; Escape
 * puts back every one of those. */
static void
check_presentation_mode (SlWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);
  SlWorkspace *workspace = window->workspace;
  GActionGroup *actions = G_ACTION_GROUP (window);
  g_autofree char *subtitle = g_strdup (adw_window_title_get_subtitle (window->window_title));
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.presentation-mode");
  gboolean was_fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (window));
  double normal_size = font_size_points (widget);

  g_assert_cmpstrv (accels, ((const char *[]) { "F5", NULL }));
  g_assert_false (action_state (actions, "presentation-mode"));
  g_assert_false (was_fullscreen);
  g_assert_true (sl_workspace_get_sidebar_revealed (workspace));
  g_assert_nonnull (subtitle);
  /* Escape is left to others when not presenting. */
  g_assert_false (press_escape (widget));

  /* The header-bar button is bound to the action. */
  {
    GtkWidget *button = window->presentation_button;

    g_assert_true (gtk_widget_is_ancestor (button, widget) && gtk_widget_get_mapped (button));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.presentation-mode");
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
    g_action_group_activate_action (actions, "presentation-mode", NULL);
    sl_test_wait_for_idle ();
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  }

  g_assert_true (action_state (actions, "presentation-mode"));
  g_assert_true (sl_window_get_presentation_mode (window));
  g_assert_true (gtk_widget_has_css_class (widget, "presentation"));
  g_assert_cmpfloat_with_epsilon (font_size_points (widget), normal_size * 1.5, 0.01);
  g_assert_false (sl_workspace_get_sidebar_revealed (workspace));
  g_assert_false (gtk_widget_get_visible (window->open_button));
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, "");
  /* Without a window manager (Xvfb) the request is not granted; with
   * one, the window ends up fullscreen. */
  g_test_message ("fullscreen after the request: %s",
                  gtk_window_is_fullscreen (GTK_WINDOW (window)) ? "yes" : "no (no window manager)");
  sl_test_wait_for_map (workspace->map_view);
  sl_test_render_to_png (widget, "workspace-presentation.png");
  /* The larger type leaves the details pane room at 1280 pixels. */
  g_assert_true (gtk_widget_get_mapped (workspace->details));

  g_assert_true (press_escape (widget));
  sl_test_wait_for_idle ();
  g_assert_false (action_state (actions, "presentation-mode"));
  g_assert_false (gtk_widget_has_css_class (widget, "presentation"));
  g_assert_cmpfloat_with_epsilon (font_size_points (widget), normal_size, 0.01);
  g_assert_true (sl_workspace_get_sidebar_revealed (workspace));
  g_assert_true (gtk_widget_get_visible (window->open_button));
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, subtitle);
  g_assert_false (gtk_window_is_fullscreen (GTK_WINDOW (window)));

  /* A folded sidebar stays folded after presenting. */
  sl_workspace_set_sidebar_revealed (workspace, FALSE);
  sl_window_set_presentation_mode (window, TRUE);
  sl_window_set_presentation_mode (window, FALSE);
  g_assert_false (sl_workspace_get_sidebar_revealed (workspace));
  sl_workspace_set_sidebar_revealed (workspace, TRUE);
  sl_test_wait_for_idle ();
}

/* The demo project, generated small (100 vehicles, 7 days) and opened as
 * "Open Demo Project" does: the sidebar's counts are SQL's, the map has
 * every read, a plate's track shows, and the map's place is kept. */
static void
test_window_demo_workspace (void)
{
  /* Under the (isolated) home, so the title bar shows what a user's would
   * in the README's screenshot. */
  g_autofree char *folder = g_build_filename (g_get_home_dir (), "Documents", NULL);
  g_autofree char *path = g_build_filename (folder, "Connecticut 2019.sightline", NULL);
  g_autoptr(SlDemoGenerator) generator = NULL;
  g_autoptr(SlProject) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SlDemoVehicle vehicle;
  SlWorkspace *workspace;
  SlWindow *window;
  guint n_rows = 0;
  guint n_with_reads = 0;
  gint64 n_reads;
  g_autofree char *reads_text = NULL;
  sqlite3_stmt *stmt = NULL;
  double town_zoom;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  generator = sl_demo_generator_new (100, 7, SL_DEMO_DEFAULT_SEED, &error);
  g_assert_no_error (error);
  g_assert_true (sl_demo_generator_write_project (generator, path, folder, NULL, NULL, &error));
  g_assert_no_error (error);
  sl_demo_remove_csv (folder);
  g_setenv ("SIGHTLINE_DEMO_PROJECT", path, TRUE);

  /* A user's overlay layer, kept in the project. */
  {
    static const char clinic[] =
      "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {}, "
      "\"geometry\": {\"type\": \"Point\", \"coordinates\": [-72.68, 41.76]}}]}";
    g_autoptr(GBytes) geojson = g_bytes_new_static (clinic, strlen (clinic));
    g_autoptr(SlProject) writer = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);

    g_assert_no_error (error);
    g_assert_true (sl_map_overlays_add (writer, "Clinics", geojson, "clinics.geojson", &error));
    g_assert_no_error (error);
  }

  window = sl_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  sl_test_wait_for_mapped (GTK_WIDGET (window));
  workspace = window->workspace;

  check = sl_project_open (path, SL_PROJECT_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  n_reads = query_int64 (check, "SELECT count(*) FROM reads");
  g_assert_cmpint (n_reads, >, 0);

  /* Open Demo Project: the user's copy of $SIGHTLINE_DEMO_PROJECT, made
   * in a thread, with all its reads on the map. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-demo", NULL);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "open-demo"));
  while (sl_window_get_project (window) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "open-demo"));
  {
    g_autofree char *copy = g_build_filename (g_get_user_data_dir (), "sightline", "demo.sightline", NULL);

    g_assert_cmpstr (sl_project_get_path (sl_window_get_project (window)), ==, copy);
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->stack), ==, "project");
  g_assert_true (sl_workspace_is_loading (workspace));
  wait_for_workspace (workspace);
  g_assert_cmpuint (sl_read_set_get_n_reads (sl_map_view_get_reads (workspace->map_view)), ==, n_reads);

  /* The rest on the original, whose folder reads well in the title bar. */
  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  g_assert_cmpstr (sl_project_get_path (sl_window_get_project (window)), ==, path);
  g_assert_true (sl_workspace_is_loading (workspace));
  wait_for_workspace (workspace);

  /* The map has every read. */
  g_assert_nonnull (sl_map_view_get_reads (workspace->map_view));
  g_assert_cmpuint (sl_read_set_get_n_reads (sl_map_view_get_reads (workspace->map_view)), ==, n_reads);

  /* The sidebar lists every agency with SQL's count of its reads. */
  g_assert_cmpint (sqlite3_prepare_v2 (sl_project_get_db (check),
                                       "SELECT count(*) FROM reads WHERE agency_id = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (workspace->agencies_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      SlContentsAgency *agency = g_object_get_data (G_OBJECT (row), "sl-agency");
      GtkLabel *label = find_count_label (row);
      gint64 expected;

      g_assert_nonnull (agency);
      sqlite3_bind_int64 (stmt, 1, agency->id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      expected = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      g_assert_cmpuint (agency->n_reads, ==, expected);
      if (expected > 0)
        {
          g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, expected);

          /* The tests run in the C locale: no digit grouping. */
          g_assert_nonnull (label);
          g_assert_cmpstr (gtk_label_get_text (label), ==, text);
          n_with_reads++;
        }
      else
        {
          g_assert_null (label);
        }
      n_rows++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (n_rows, ==, query_int64 (check, "SELECT count(*) FROM agencies"));
  g_assert_cmpint (n_with_reads, ==, query_int64 (check, "SELECT count(DISTINCT agency_id) FROM reads"));

  /* The summary, the demo's button and its scenarios. */
  reads_text = g_strdup_printf ("%" G_GINT64_FORMAT, n_reads);
  g_assert_cmpstr (adw_action_row_get_subtitle (workspace->reads_row), ==, reads_text);
  g_assert_true (sl_workspace_is_synthetic (workspace));
  g_assert_true (gtk_widget_get_visible (workspace->about_data_button));
  n_rows = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (workspace->scenarios_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                     sl_demo_get_scenario_name (n_rows++));
  g_assert_cmpuint (n_rows, ==, sl_demo_get_n_scenarios ());

  /* The overlay: on the map and in the sidebar with a switch that hides
   * it and keeps that in the project. */
  {
    GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (workspace->overlays_list));
    GtkWidget *toggle = NULL;
    g_autoptr(GPtrArray) overlays = NULL;

    g_assert_nonnull (row);
    g_assert_null (gtk_widget_get_next_sibling (row));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Clinics");
    g_assert_nonnull (sl_map_view_get_overlay (workspace->map_view, "Clinics"));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sl_map_view_get_overlay (workspace->map_view, "Clinics"))));
    toggle = find_descendant (row, GTK_TYPE_SWITCH);
    g_assert_nonnull (toggle);
    g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
    gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (sl_map_view_get_overlay (workspace->map_view, "Clinics"))));
    /* The worker writes it; wait until the check connection sees it. */
    do
      {
        g_clear_pointer (&overlays, g_ptr_array_unref);
        g_main_context_iteration (NULL, FALSE);
        overlays = sl_map_overlays_list (check, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (overlays->len, ==, 1);
      }
    while (((SlMapOverlay *) overlays->pdata[0])->visible);
    gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  }

  /* The state, as it opens. */
  sl_test_wait_for_map (workspace->map_view);
  sl_test_render_to_png (GTK_WIDGET (window), "main-window.png");

  /* Westport at town zoom. */
  sl_map_view_go_to (workspace->map_view, 41.141, -73.358, 12);
  sl_test_wait_for_map (workspace->map_view);
  sl_test_render_to_png (GTK_WIDGET (window), "workspace-town.png");
  town_zoom = map_zoom (workspace);

  /* A story vehicle's track: the Norwalk → Westport commuter. */
  g_assert_true (sl_demo_generator_find_vehicle (generator, "ZC30955", &vehicle));
  gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.find-plate", NULL);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         GTK_WIDGET (workspace->plate_entry)));
  gtk_editable_set_text (GTK_EDITABLE (workspace->plate_entry), "zc-30955");
  g_signal_emit_by_name (workspace->plate_entry, "activate");
  while (!gtk_widget_get_visible (workspace->track_group))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (workspace->track_row)), ==, "ZC30955");
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (sl_map_view_get_map (workspace->map_view)));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (SL_IS_TRACK_LAYER (child))
        g_assert_cmpint (sl_track_layer_get_n_points (SL_TRACK_LAYER (child)), ==,
                         query_int64 (check, "SELECT count(*) FROM reads r JOIN plates p ON p.id = r.plate_id "
                                             "WHERE p.plate = 'ZC30955'"));
    }
  sl_test_wait_for_map (workspace->map_view);
  sl_test_render_to_png (GTK_WIDGET (window), "workspace-track.png");

  /* A story vehicle whose reads reach ICE: who sees it under the default
   * scenario, then under the last one chosen in the sidebar. */
  gtk_editable_set_text (GTK_EDITABLE (workspace->plate_entry), "ZN47301");
  g_signal_emit_by_name (workspace->plate_entry, "activate");
  g_assert_cmpuint (check_exposure (workspace, check, "ZN47301", NULL), >, 0);
  sl_test_wait_for_map (workspace->map_view);
  sl_test_render_to_png (GTK_WIDGET (window), "workspace-exposure.png");
  check_presentation_mode (window);
  {
    GtkListBoxRow *last = gtk_list_box_get_row_at_index (workspace->scenarios_list,
                                                         (int) sl_demo_get_n_scenarios () - 1);

    g_assert_true (gtk_list_box_get_selected_row (workspace->scenarios_list) != last);
    gtk_list_box_select_row (workspace->scenarios_list, last);
    /* No sharing with federal immigration recipients: ICE ERO sees none. */
    g_assert_cmpuint (check_exposure (workspace, check, "ZN47301",
                                      sl_demo_get_scenario_name (sl_demo_get_n_scenarios () - 1)), ==, 0);
  }

  /* About This Data, from the workspace's button. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "about-data", NULL);
  {
    GtkWindow *about = sl_test_find_toplevel (SL_TYPE_ABOUT_DATA_WINDOW);

    g_assert_nonnull (about);
    g_assert_true (g_str_has_prefix (gtk_label_get_text (sl_about_data_window_get_text (SL_ABOUT_DATA_WINDOW (about))),
                                     "About this data\n\nEvery plate, vehicle and trip in the demo project is synthetic. No real"));
    g_assert_nonnull (strstr (gtk_label_get_label (sl_about_data_window_get_text (SL_ABOUT_DATA_WINDOW (about))),
                              "<b>Every plate, vehicle and trip in the demo project is synthetic.</b>"));
    sl_test_render_to_png (GTK_WIDGET (about), "about-data.png");
    gtk_window_destroy (about);
  }

  /* After an import the workspace loads the project again. */
  sl_window_emit_project_changed (window);
  g_assert_true (sl_workspace_is_loading (workspace));
  wait_for_workspace (workspace);
  g_assert_cmpuint (sl_read_set_get_n_reads (sl_map_view_get_reads (workspace->map_view)), ==, n_reads);

  /* The map's place is kept in the project: back at the same zoom. */
  sl_map_view_go_to (workspace->map_view, 41.141, -73.358, 12);
  town_zoom = map_zoom (workspace);
  sl_window_set_project (window, NULL);
  {
    g_autofree char *width = sl_project_dup_meta (check, "window-width");
    g_autofree char *height = sl_project_dup_meta (check, "window-height");
    g_autofree char *maximized = sl_project_dup_meta (check, "window-maximized");

    /* The window's size went into the project with the map's place. */
    g_assert_cmpstr (width, ==, "1280");
    g_assert_cmpstr (height, ==, "800");
    g_assert_cmpstr (maximized, ==, "false");
  }
  sl_map_view_show_state (workspace->map_view);
  g_assert_cmpfloat (map_zoom (workspace), !=, town_zoom);
  g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
  g_assert_cmpfloat_with_epsilon (map_zoom (workspace), town_zoom, 1e-9);
  wait_for_workspace (workspace);

  /* Without sharing configurations, the pane says so instead. */
  {
    g_autoptr(SlProject) writer = sl_project_open (path, SL_PROJECT_OPEN_FLAGS_NONE, &error);

    g_assert_no_error (error);
    /* Scenarios made by editing another first: a parent is kept while
     * it has children. */
    g_assert_true (sl_project_exec (writer, "DELETE FROM scenarios WHERE parent_id IS NOT NULL", &error));
    g_assert_no_error (error);
    g_assert_true (sl_project_exec (writer, "DELETE FROM scenarios", &error));
    g_assert_no_error (error);
  }
  sl_workspace_reload (workspace);
  wait_for_workspace (workspace);
  gtk_editable_set_text (GTK_EDITABLE (workspace->plate_entry), "ZN47301");
  g_signal_emit_by_name (workspace->plate_entry, "activate");
  while (g_strcmp0 (workspace->track_plate, "ZN47301") != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_visible (workspace->exposure_box));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (workspace->exposure_status)));
  g_assert_cmpstr (gtk_label_get_text (workspace->exposure_status), ==, "No sharing configuration in this project");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (workspace->details_stack)));
  g_assert_null (sl_exposure_pane_get_what_if (workspace->exposure_pane));

  gtk_window_destroy (GTK_WINDOW (window));
  sl_test_wait_for_idle ();
  g_unsetenv ("SIGHTLINE_DEMO_PROJECT");
}

/* Every mapped widget under @widget got at least its minimum size: none
 * is drawn clipped. Returns how many were checked. */
static guint
assert_minimum_sizes (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (widget))
    return 0;
  if (!GTK_IS_NATIVE (widget) || GTK_IS_WINDOW (widget))
    {
      int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
      int min_width, min_height;

      GtkStyleContext *style = gtk_widget_get_style_context (widget);
      GtkBorder margin, border, padding;
      int margin_x, margin_y;

      /* Measured sizes include the margins (the widget's and its CSS
       * margin, border and padding); gtk_widget_get_width() is the
       * content's. */
      gtk_style_context_get_margin (style, &margin);
      gtk_style_context_get_border (style, &border);
      gtk_style_context_get_padding (style, &padding);
      margin_x = gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget) +
                 margin.left + margin.right + border.left + border.right + padding.left + padding.right;
      margin_y = gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget) +
                 margin.top + margin.bottom + border.top + border.bottom + padding.top + padding.bottom;
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width + margin_x, &min_height, NULL, NULL, NULL);
      min_width -= margin_x;
      min_height -= margin_y;
      /* A scrollable shows part of what it holds in the directions its
       * scrolled window scrolls: its child gets all of it. */
      if (GTK_IS_SCROLLABLE (widget) && GTK_IS_SCROLLED_WINDOW (gtk_widget_get_parent (widget)))
        {
          GtkPolicyType h, v;

          gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (gtk_widget_get_parent (widget)), &h, &v);
          if (h != GTK_POLICY_NEVER)
            min_width = 0;
          if (v != GTK_POLICY_NEVER)
            min_height = 0;
        }
      if (width < min_width || height < min_height)
        g_error ("%s (%s) got %d × %d, needs %d × %d", G_OBJECT_TYPE_NAME (widget),
                 gtk_widget_get_name (widget), width, height, min_width, min_height);
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n += assert_minimum_sizes (child);
  return n;
}

/* The workspace at 1024 × 700 and at 800 × 600, a vehicle selected: the
 * window keeps the size asked for, every widget gets its minimum, and
 * the side panes fold away behind buttons that bring them back. */
static void
test_window_narrow (void)
{
  g_autofree char *path = sl_test_temp_path ("narrow.sightline");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  static const int sizes[][2] = { { 1024, 700 }, { 800, 600 } };

  sl_test_write_demo_project (path, 40, 3);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      SlWindow *window = sl_window_new (app);
      SlWorkspace *workspace = window->workspace;
      AdwFlap *sidebar_flap = ADW_FLAP (gtk_widget_get_ancestor (workspace->sidebar, ADW_TYPE_FLAP));
      AdwFlap *details_flap = ADW_FLAP (gtk_widget_get_ancestor (workspace->details, ADW_TYPE_FLAP));
      g_autofree char *name = g_strdup_printf ("workspace-%dx%d.png", sizes[i][0], sizes[i][1]);
      int min_width;

      gtk_window_set_default_size (GTK_WINDOW (window), sizes[i][0], sizes[i][1]);
      gtk_window_present (GTK_WINDOW (window));
      sl_test_wait_for_mapped (GTK_WIDGET (window));
      g_assert_true (sl_window_open_file (window, file, SL_PROJECT_OPEN_FLAGS_NONE));
      wait_for_workspace (workspace);
      gtk_editable_set_text (GTK_EDITABLE (workspace->plate_entry), "ZN47301");
      g_signal_emit_by_name (workspace->plate_entry, "activate");
      while (g_strcmp0 (workspace->track_plate, "ZN47301") != 0 || !gtk_widget_get_visible (workspace->track_group))
        g_main_context_iteration (NULL, TRUE);
      sl_test_wait_for_map (workspace->map_view);

      gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      g_test_message ("%d × %d: window minimum width %d, sidebar folded %d, details folded %d", sizes[i][0],
                      sizes[i][1], min_width, adw_flap_get_folded (sidebar_flap), adw_flap_get_folded (details_flap));
      sl_test_render_to_png (GTK_WIDGET (window), name);
      /* The size asked for (less the frame's shadow), not a minimum's. */
      g_assert_cmpint (min_width, <=, 800);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, sizes[i][0]);
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, sizes[i][0] - 20);
      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window)), <=, sizes[i][1]);
      g_assert_cmpuint (assert_minimum_sizes (GTK_WIDGET (window)), >, 50);

      /* 1024: the sidebar stays, the details fold; 800: both fold. A
       * folded pane's button shows it over the map, with every widget in
       * it at its minimum size too. */
      g_assert_false (adw_flap_get_folded (sidebar_flap) && i == 0);
      g_assert_true (adw_flap_get_folded (sidebar_flap) || i == 0);
      g_assert_true (adw_flap_get_folded (details_flap));
      g_assert_cmpint (gtk_widget_get_visible (workspace->sidebar_button), ==, adw_flap_get_folded (sidebar_flap));
      g_assert_true (gtk_widget_get_visible (workspace->details_button));
      g_assert_false (gtk_widget_get_mapped (workspace->details));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (workspace->details_button), TRUE);
      g_assert_true (adw_flap_get_reveal_flap (details_flap));
      while (!gtk_widget_get_mapped (workspace->details) || adw_flap_get_reveal_progress (details_flap) < 1)
        g_main_context_iteration (NULL, TRUE);
      sl_test_wait_for_frame (GTK_WIDGET (window));
      assert_minimum_sizes (GTK_WIDGET (window));
      g_assert_true (gtk_widget_get_visible (workspace->track_group));
      {
        g_autofree char *details_name = g_strdup_printf ("workspace-%dx%d-details.png", sizes[i][0], sizes[i][1]);

        sl_test_render_to_png (GTK_WIDGET (window), details_name);
      }
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (workspace->details_button), FALSE);
      g_assert_false (adw_flap_get_reveal_flap (details_flap));

      /* Find a plate brings a folded sidebar back, with the entry focused. */
      gtk_widget_activate_action (GTK_WIDGET (workspace), "workspace.find-plate", NULL);
      g_assert_true (adw_flap_get_reveal_flap (sidebar_flap));
      g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                             GTK_WIDGET (workspace->plate_entry)));

      gtk_window_destroy (GTK_WINDOW (window));
      sl_test_wait_for_idle ();
    }
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
  /* An accepted file chooser would add to recent files, under the data
   * directory of the test that first used them, which is gone by then. */
  g_object_set (gtk_settings_get_default (), "gtk-recent-files-enabled", FALSE, NULL);

  g_test_add_func ("/window/renders", test_window_renders);
  g_test_add_func ("/window/primary-menu", test_window_primary_menu);
  g_test_add_func ("/window/actions", test_window_actions);
  g_test_add_func ("/window/opens-project", test_window_opens_project);
  g_test_add_func ("/window/open-errors", test_window_open_errors);
  g_test_add_func ("/window/file-choosers", test_window_file_choosers);
  g_test_add_func ("/window/save-sharing-copy", test_window_save_sharing_copy);
  g_test_add_func ("/window/damaged-project", test_window_damaged_project);
  g_test_add_func ("/window/creates-project", test_window_creates_project);
  g_test_add_func ("/window/command-line-open", test_window_command_line_open);
  g_test_add_func ("/window/size-is-restored", test_window_size_is_restored);
  g_test_add_func ("/window/about", test_window_about);
  g_test_add_func ("/window/preferences", test_window_preferences);
  g_test_add_func ("/window/demo-workspace", test_window_demo_workspace);
  g_test_add_func ("/window/narrow", test_window_narrow);

  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}
