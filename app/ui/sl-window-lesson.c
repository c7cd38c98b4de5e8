/* sl-window-lesson.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-window-lesson"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-flow-diagram.h"
#include "sl-map-view.h"
#include "sl-window-private.h"

/* The window's lesson actions (docs/lessons.md): start the bundled demo
 * lesson, open a lesson file, and the keys that step through a lesson. */

#define DEMO_LESSON_URI "resource:///io/github/sightline/Sightline/lessons/demo.json"

static void
start_lesson_file (SlWindow *self,
                   GFile    *file)
{
  g_autoptr(SlLesson) lesson = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_file_get_uri (file);

  lesson = sl_lesson_new_from_file (file, &error);
  if (lesson == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Open Lesson"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  sl_lesson_panel_start (self->lesson_panel, lesson, uri);
}

/**
 * _sl_window_start_pending_lesson:
 *
 * Starts the demo lesson if "Start Lesson" was chosen with no project open
 * and the demo project it opened is now shown.
 */
void
_sl_window_start_pending_lesson (SlWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (!self->lesson_pending || self->project == NULL)
    return;
  self->lesson_pending = FALSE;
  file = g_file_new_for_uri (DEMO_LESSON_URI);
  start_lesson_file (self, file);
}

static void
sl_window_lesson_start (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  SlWindow *self = user_data;

  self->lesson_pending = TRUE;
  if (self->project == NULL)
    _sl_window_open_demo (self);
  else
    _sl_window_start_pending_lesson (self);
}

static void
open_lesson_response (GtkNativeDialog *native,
                      int              response,
                      SlWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->project != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      start_lesson_file (self, file);
    }

  g_object_unref (native);
}

static void
sl_window_lesson_open (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  SlWindow *self = user_data;
  g_autoptr(GtkFileFilter) lessons = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Open Lesson"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  gtk_file_filter_set_name (lessons, _("Lessons (JSON)"));
  gtk_file_filter_add_mime_type (lessons, "application/json");
  gtk_file_filter_add_suffix (lessons, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), lessons);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);

  g_signal_connect (native, "response", G_CALLBACK (open_lesson_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
update_open_lesson (SlWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "open-lesson");

  /* A lesson file sets up a project: it needs one open. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->project != NULL);
}

/* Whether the focus widget uses @keyval itself: text fields and sliders
 * their arrow, page and Escape keys, the map its arrows (panning) and
 * page keys (the cameras one by one), the flow diagram its arrows. */
static gboolean
focus_keeps_key (GtkWidget *focus,
                 guint      keyval)
{
  if (focus == NULL)
    return FALSE;
  if (GTK_IS_EDITABLE (focus) || GTK_IS_RANGE (focus))
    return TRUE;
  if (keyval == GDK_KEY_Escape)
    return FALSE;
  return gtk_widget_get_ancestor (focus, SL_TYPE_MAP_VIEW) != NULL ||
         (gtk_widget_get_ancestor (focus, SL_TYPE_FLOW_DIAGRAM) != NULL &&
          (keyval == GDK_KEY_Left || keyval == GDK_KEY_Right));
}

/* Keys step through the lesson wherever the focus is, unless the focus
 * widget uses them; Escape leaves presentation mode before it closes the
 * lesson. With no lesson shown every key goes on as usual. */
static gboolean
lesson_key (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  SlWindow *self = SL_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  guint keyval = GPOINTER_TO_UINT (user_data);
  const char *action;

  if (sl_lesson_panel_get_lesson (self->lesson_panel) == NULL || focus_keeps_key (focus, keyval))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Page_Down:
    case GDK_KEY_Right:
      action = "lesson.next";
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_Left:
      action = "lesson.previous";
      break;
    default:
      if (sl_window_get_presentation_mode (self))
        return FALSE;
      action = "lesson.close";
      break;
    }
  return gtk_widget_activate_action (GTK_WIDGET (self->lesson_panel), action, NULL);
}

static const GActionEntry actions[] = {
  { "start-lesson", sl_window_lesson_start },
  { "open-lesson", sl_window_lesson_open },
};

void
_sl_window_lesson_init (SlWindow *self)
{
  static const guint keys[] = { GDK_KEY_Page_Down, GDK_KEY_Right, GDK_KEY_Page_Up, GDK_KEY_Left, GDK_KEY_Escape };
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
  update_open_lesson (self);
  g_signal_connect (self, "notify::project", G_CALLBACK (update_open_lesson), NULL);

  sl_lesson_panel_set_workspace (self->lesson_panel, self->workspace);

  /* In the capture phase: the window's own arrow keys move the focus, and
   * would take Left and Right before a bubbling controller saw them. */
  gtk_event_controller_set_name (shortcuts, "lesson-shortcuts");
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], 0),
                                                            gtk_callback_action_new (lesson_key,
                                                                                     GUINT_TO_POINTER (keys[i]),
                                                                                     NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}
