/* sl-about-data-window.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-about-data-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sl-about-data-window.h"

/* "About This Data": docs/demo-data.md, shipped as a resource, shown as
 * Pango markup under a translated summary. */

struct _SlAboutDataWindow
{
  AdwWindow  parent_instance;

  GtkLabel  *text;
};

G_DEFINE_FINAL_TYPE (SlAboutDataWindow, sl_about_data_window, ADW_TYPE_WINDOW)

/* **bold** and `code` inside one paragraph, the rest escaped. */
static void
append_inline (GString    *markup,
               const char *text)
{
  gboolean bold = FALSE;
  gboolean code = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!code && p[0] == '*' && p[1] == '*')
        {
          g_string_append (markup, bold ? "</b>" : "<b>");
          bold = !bold;
          p++;
        }
      else if (*p == '`')
        {
          g_string_append (markup, code ? "</tt>" : "<tt>");
          code = !code;
        }
      else
        {
          g_autofree char *escaped = g_markup_escape_text (p, 1);

          g_string_append (markup, escaped);
        }
    }
  /* An unclosed span must not make the whole label invalid markup. */
  if (code)
    g_string_append (markup, "</tt>");
  if (bold)
    g_string_append (markup, "</b>");
}

/* Blocks (headings, paragraphs, list items) are separated by an empty
 * line. */
static void
start_block (GString *markup)
{
  if (markup->len > 0)
    g_string_append (markup, "\n\n");
}

static void
flush_paragraph (GString *markup,
                 GString *paragraph)
{
  if (paragraph->len == 0)
    return;
  start_block (markup);
  append_inline (markup, paragraph->str);
  g_string_truncate (paragraph, 0);
}

/**
 * sl_about_data_markdown_to_markup:
 * @markdown: the subset of Markdown docs/demo-data.md uses: # and ##
 *   headings, - lists (one level of nesting), **bold**, `code`, paragraphs
 *   wrapped over several lines
 *
 * Returns: (transfer full): Pango markup
 */
char *
sl_about_data_markdown_to_markup (const char *markdown)
{
  g_auto(GStrv) lines = g_strsplit (markdown, "\n", -1);
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GString) paragraph = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *content = line + strspn (line, " ");
      gsize indent = content - line;

      if (*content == '\0')
        {
          flush_paragraph (markup, paragraph);
        }
      else if (g_str_has_prefix (line, "#"))
        {
          gboolean top = !g_str_has_prefix (line, "##");
          g_autofree char *title = g_strstrip (g_strdup (line + strspn (line, "#")));
          g_autofree char *escaped = g_markup_escape_text (title, -1);

          flush_paragraph (markup, paragraph);
          start_block (markup);
          g_string_append_printf (markup, "<span size=\"%s\" weight=\"bold\">%s</span>",
                                  top ? "x-large" : "large", escaped);
        }
      else if (g_str_has_prefix (content, "- "))
        {
          flush_paragraph (markup, paragraph);
          g_string_append (paragraph, indent > 0 ? "      ◦ " : "• ");
          g_string_append (paragraph, content + 2);
        }
      else
        {
          if (paragraph->len > 0)
            g_string_append_c (paragraph, ' ');
          g_string_append (paragraph, content);
        }
    }
  flush_paragraph (markup, paragraph);

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

GtkLabel *
sl_about_data_window_get_text (SlAboutDataWindow *self)
{
  g_return_val_if_fail (SL_IS_ABOUT_DATA_WINDOW (self), NULL);

  return self->text;
}

static void
sl_about_data_window_class_init (SlAboutDataWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sightline/Sightline/ui/sl-about-data-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SlAboutDataWindow, text);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sl_about_data_window_init (SlAboutDataWindow *self)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *markup = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  bytes = g_resources_lookup_data ("/io/github/sightline/Sightline/demo-data.md",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  /* Part of the program's own resources: always there. */
  g_assert (bytes != NULL);
  markup = sl_about_data_markdown_to_markup (g_bytes_get_data (bytes, NULL));
  gtk_label_set_markup (self->text, markup);
}

SlAboutDataWindow *
sl_about_data_window_new (GtkWindow *parent)
{
  return g_object_new (SL_TYPE_ABOUT_DATA_WINDOW,
                       "transient-for", parent,
                       NULL);
}
