/* sl-number.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-number.h"

static const char *
skip_digits (const char *p)
{
  while (g_ascii_isdigit (*p))
    p++;
  return p;
}

/* Scans "[+-]digits[.digits][e[+-]digits]" (either side of the point may
 * be empty, not both) and returns its end, or NULL. */
static const char *
scan_decimal (const char *text)
{
  const char *p = text;
  const char *digits;
  gboolean any_digit;

  if (*p == '+' || *p == '-')
    p++;
  digits = p;
  p = skip_digits (p);
  any_digit = p != digits;
  if (*p == '.')
    {
      digits = ++p;
      p = skip_digits (p);
      any_digit |= p != digits;
    }
  if (!any_digit)
    return NULL;
  if (*p == 'e' || *p == 'E')
    {
      const char *exponent = p + 1;

      if (*exponent == '+' || *exponent == '-')
        exponent++;
      if (!g_ascii_isdigit (*exponent))
        return NULL;
      p = skip_digits (exponent);
    }
  return p;
}

/**
 * sl_number_parse_prefix:
 * @text: a decimal numeral, possibly followed by more text ("30 days")
 * @value: (out): the number
 * @end: (out): where the numeral ends
 *
 * Returns: FALSE unless @text starts with a decimal numeral
 *   ("[+-]digits[.digits][e[+-]digits]") whose value is finite. A numeral
 *   run on by an "x" or a point ("0x1p3", "1.5.2") is refused whole.
 */
gboolean
sl_number_parse_prefix (const char  *text,
                        double      *value,
                        const char **end)
{
  const char *stop = scan_decimal (text);
  char *strtod_end;
  double d;

  if (stop == NULL || *stop == '.' || *stop == 'x' || *stop == 'X')
    return FALSE;
  d = g_ascii_strtod (text, &strtod_end);
  /* strtod's grammar is wider; it must not have read further. */
  if (strtod_end != stop || !isfinite (d))
    return FALSE;
  *value = d;
  *end = stop;
  return TRUE;
}

/**
 * sl_number_parse:
 * @text: a decimal numeral, with optional spaces or tabs around it
 * @value: (out): the number
 *
 * Returns: FALSE unless @text is one finite decimal numeral.
 */
gboolean
sl_number_parse (const char *text,
                 double     *value)
{
  const char *end;

  while (*text == ' ' || *text == '\t')
    text++;
  if (!sl_number_parse_prefix (text, value, &end))
    return FALSE;
  while (*end == ' ' || *end == '\t')
    end++;
  return *end == '\0';
}

/* JSON's own grammar: -?(0|[1-9]digits)(.digits)?([eE][+-]?digits)? */
static gboolean
is_json_number (const char *token,
                gsize       length)
{
  const char *p = token;
  const char *stop = token + length;
  const char *digits;

  if (p < stop && *p == '-')
    p++;
  if (p < stop && *p == '0')
    p++;
  else if (p < stop && *p >= '1' && *p <= '9')
    while (p < stop && g_ascii_isdigit (*p))
      p++;
  else
    return FALSE;
  if (p < stop && *p == '.')
    {
      digits = ++p;
      while (p < stop && g_ascii_isdigit (*p))
        p++;
      if (p == digits)
        return FALSE;
    }
  if (p < stop && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < stop && (*p == '+' || *p == '-'))
        p++;
      digits = p;
      while (p < stop && g_ascii_isdigit (*p))
        p++;
      if (p == digits)
        return FALSE;
    }
  return p == stop;
}

/* Members deeper than this are not named in the problem (the stack of
 * names must stay small whatever the nesting). */
#define MAX_NAMED_DEPTH 64

typedef struct
{
  const char *start;
  gsize       length;
} Span;

static char *
dup_valid (const char *start,
           gsize       length)
{
  /* A quoted token could be anything; keep messages short and UTF-8. */
  g_autofree char *copy = g_strndup (start, MIN (length, 64));

  return g_utf8_make_valid (copy, -1);
}

/**
 * sl_number_check_json:
 * @data: JSON text (need not be valid otherwise: the parser judges that)
 * @size: its length in bytes
 * @problem: (out caller-allocates): the first bad number, when there is one
 *
 * Scans the tokens outside strings: every one that starts like a number
 * (a digit, "-", "+" or ".") must be a JSON number with a finite value.
 *
 * Returns: TRUE when there is no bad number.
 */
gboolean
sl_number_check_json (const char          *data,
                      gsize                size,
                      SlJsonNumberProblem *problem)
{
  Span names[MAX_NAMED_DEPTH + 1] = { { NULL, 0 } };
  Span last_string = { NULL, 0 };
  gsize depth = 0;
  guint line = 1;
  const char *p = data;
  const char *stop = data + size;

  memset (problem, 0, sizeof *problem);
  while (p < stop)
    {
      char c = *p;

      if (c == '\n')
        line++;
      if (c == '"')
        {
          const char *start = ++p;

          while (p < stop && *p != '"')
            {
              if (*p == '\\' && p + 1 < stop)
                p++;
              if (*p == '\n')
                line++;
              p++;
            }
          last_string = (Span) { start, p - start };
          p++;
          continue;
        }
      if (c == ':' && depth <= MAX_NAMED_DEPTH)
        names[depth] = last_string;
      else if (c == '{' || c == '[')
        {
          depth++;
          /* An array's elements belong to the member that holds it. */
          if (depth <= MAX_NAMED_DEPTH)
            names[depth] = c == '[' ? names[depth - 1] : (Span) { NULL, 0 };
        }
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
      else if (g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.')
        {
          const char *start = p;
          char buffer[128];
          gsize length;

          while (p < stop && (g_ascii_isalnum (*p) || *p == '-' || *p == '+' || *p == '.' || *p == '_'))
            p++;
          length = p - start;
          if (!is_json_number (start, length) || length >= sizeof buffer ||
              (memcpy (buffer, start, length), buffer[length] = '\0', !isfinite (g_ascii_strtod (buffer, NULL))))
            {
              const Span *name = &names[MIN (depth, MAX_NAMED_DEPTH)];

              problem->line = line;
              problem->token = dup_valid (start, length);
              problem->member = name->start != NULL ? dup_valid (name->start, name->length) : NULL;
              return FALSE;
            }
          continue;
        }
      p++;
    }
  return TRUE;
}

void
sl_json_number_problem_clear (SlJsonNumberProblem *problem)
{
  g_clear_pointer (&problem->member, g_free);
  g_clear_pointer (&problem->token, g_free);
}
