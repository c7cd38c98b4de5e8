/* sl-read-cache.c
 *
 * Copyright 2026 The Sightline developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sl-read-cache"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "sl-read-cache.h"
#include "sl-mercator.h"
#include "sl-read-set-private.h"

/* The file: a header, then sections each starting on a 4 KiB boundary
 * (so a section's pages can be dropped from memory on their own), each
 * with a checksum in the header. Native byte order, which the header
 * records: a file from another machine is refused, not converted. The
 * stamp says which state of which project the reads are (see
 * sl-project-contents.c); a file with another stamp is stale.
 *
 * Errors are not translated: a refused file is scanned again, silently,
 * and the reason only goes to the debug log. */

#define MAGIC "SLREADS"
#define VERSION 2
#define BYTE_ORDER_MARK 0x01020304u
#define ALIGNMENT 4096
/* Cache files are removed when writing another once unused this long, or
 * oldest first while the directory holds more: ten million reads take
 * 170 MB. A writer's temporary file older than a day was left by a crash. */
#define MAX_AGE (30 * 24 * 3600)
#define MAX_BYTES ((guint64) 2 << 30)
#define MAX_TEMP_AGE (24 * 3600)

enum
{
  SECTION_STAMP,
  SECTION_AGENCIES,
  SECTION_X,
  SECTION_Y,
  SECTION_TIMES,
  SECTION_AGENCY_INDEXES,
  SECTION_IDS,
  SECTION_CELL_START,
  SECTION_HOURLY,
  /* Last: the builder knows its length only once the rest is written. */
  SECTION_SITES,
  N_SECTIONS
};

/* A camera site (SlReadSite with SL_READ_SET_MIN_SITE_READS reads or more)
 * as the file keeps it, so that an open need not visit every read to find
 * them: no padding, so equal sets make equal files. */
typedef struct
{
  guint32 x;
  guint32 y;
  guint32 n_reads;
  guint32 first_time;
  guint32 last_time;
  guint32 agency;
} FileSite;

typedef struct
{
  guint64 offset;
  guint64 length;
  guint64 checksum;
} Section;

typedef struct
{
  char            magic[8];
  guint32         version;
  guint32         byte_order;
  guint64         file_size;
  SlReadSetLayout layout;
  Section         sections[N_SECTIONS];
  /* Of everything above. */
  guint64         checksum;
} Header;

/* FNV-1a over 64-bit words in four independent lanes (about 4 GB/s, where
 * one lane waits on each multiplication), then the tail bytes: it catches
 * the torn writes, truncations and flipped bits a cache file meets. Taken
 * piece by piece, so a section written in parts is summed as it goes. */
#define CHECKSUM_BLOCK 32
#define CHECKSUM_PRIME 0x100000001b3u

typedef struct
{
  guint64 lane[4];
  guint64 length;
  guint8  tail[CHECKSUM_BLOCK];
  gsize   n_tail;
} Checksum;

static void
checksum_init (Checksum *sum)
{
  *sum = (Checksum) { { 0xcbf29ce484222325u, 0x84222325cbf29ce4u, 0x9e3779b97f4a7c15u, 0xc2b2ae3d27d4eb4fu } };
}

static inline void
checksum_block (Checksum     *sum,
                const guint8 *p)
{
  for (guint k = 0; k < 4; k++)
    {
      guint64 word;

      memcpy (&word, p + 8 * k, 8);
      sum->lane[k] = (sum->lane[k] ^ word) * CHECKSUM_PRIME;
    }
}

static void
checksum_update (Checksum   *sum,
                 const void *data,
                 gsize       length)
{
  const guint8 *p = data;

  /* An empty section may have no data at all. */
  if (length == 0)
    return;
  sum->length += length;
  if (sum->n_tail > 0)
    {
      gsize take = MIN (CHECKSUM_BLOCK - sum->n_tail, length);

      memcpy (sum->tail + sum->n_tail, p, take);
      sum->n_tail += take;
      p += take;
      length -= take;
      if (sum->n_tail < CHECKSUM_BLOCK)
        return;
      checksum_block (sum, sum->tail);
      sum->n_tail = 0;
    }
  for (; length >= CHECKSUM_BLOCK; p += CHECKSUM_BLOCK, length -= CHECKSUM_BLOCK)
    checksum_block (sum, p);
  memcpy (sum->tail, p, length);
  sum->n_tail = length;
}

static guint64
checksum_finish (const Checksum *sum)
{
  guint64 result = sum->length;

  for (guint k = 0; k < 4; k++)
    result = (result ^ sum->lane[k]) * CHECKSUM_PRIME;
  for (gsize i = 0; i < sum->n_tail; i++)
    result = (result ^ sum->tail[i]) * CHECKSUM_PRIME;
  return result;
}

static guint64
checksum (const void *data,
          gsize       length)
{
  Checksum sum;

  checksum_init (&sum);
  checksum_update (&sum, data, length);
  return checksum_finish (&sum);
}

static gboolean
set_io_error (GError     **error,
              const char  *path)
{
  int saved = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
  return FALSE;
}

static gboolean
write_at (int            fd,
          const void    *data,
          gsize          length,
          guint64        offset,
          const char    *path,
          GError       **error)
{
  const guint8 *p = data;

  while (length > 0)
    {
      gssize n = pwrite (fd, p, length, offset);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return set_io_error (error, path);
      p += n;
      length -= n;
      offset += n;
    }
  return TRUE;
}

/* A new file next to @path (for writing, then renaming over it): its
 * name in @tmp. */
static int
create_temp (const char  *path,
             char       **tmp,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  *tmp = g_strconcat (path, ".XXXXXX", NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0 || (fd = g_mkstemp_full (*tmp, O_RDWR, 0600)) < 0)
    {
      set_io_error (error, *tmp);
      g_clear_pointer (tmp, g_free);
      return -1;
    }
  return fd;
}

/* The lengths of the sections that follow from the layout. */
static void
section_lengths (const SlReadSetLayout *layout,
                 guint64                lengths[N_SECTIONS])
{
  guint64 n = layout->n_reads;

  lengths[SECTION_X] = lengths[SECTION_Y] = lengths[SECTION_TIMES] = lengths[SECTION_IDS] = 4 * n;
  lengths[SECTION_AGENCY_INDEXES] = n;
  lengths[SECTION_CELL_START] = 4 * ((guint64) sl_read_set_layout_n_cells (layout) + 1);
  lengths[SECTION_HOURLY] = 4 * (guint64) layout->n_hours;
}

/* The length of the sites section, and so of the file. */
static void
plan_sites (Header *header,
            guint   n_sites)
{
  Section *sites = &header->sections[SECTION_SITES];

  sites->length = (guint64) n_sites * sizeof (FileSite);
  header->file_size = sites->offset + (sites->length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
}

/* The header of the file for a set with @layout, but the checksums: each
 * section's place and length. Everything else (padding too) is zero, so
 * equal sets make equal files whoever writes them. */
static void
plan_file (Header                *header,
           const SlReadSetLayout *layout,
           gsize                  stamp_length,
           guint                  n_agencies,
           guint                  n_sites)
{
  guint64 lengths[N_SECTIONS];
  guint64 offset = ALIGNMENT;

  memset (header, 0, sizeof *header);
  memcpy (header->magic, MAGIC, sizeof header->magic);
  header->version = VERSION;
  header->byte_order = BYTE_ORDER_MARK;
  memcpy (&header->layout, layout, G_STRUCT_OFFSET (SlReadSetLayout, n_hours) + sizeof layout->n_hours);

  section_lengths (layout, lengths);
  lengths[SECTION_STAMP] = stamp_length;
  lengths[SECTION_AGENCIES] = (guint64) n_agencies * sizeof (SlReadCacheAgency);
  lengths[SECTION_SITES] = 0;
  for (guint s = 0; s < N_SECTIONS; s++)
    {
      header->sections[s].offset = offset;
      header->sections[s].length = lengths[s];
      offset += (lengths[s] + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
  plan_sites (header, n_sites);
}

static GArray *
encode_sites (GArray *sites)
{
  GArray *file_sites = g_array_sized_new (FALSE, FALSE, sizeof (FileSite), sites->len);

  for (guint i = 0; i < sites->len; i++)
    {
      const SlReadSite *site = &g_array_index (sites, SlReadSite, i);
      FileSite file_site = {
        sl_mercator_to_fixed (site->x), sl_mercator_to_fixed (site->y), site->n_reads,
        (guint32) site->first_time, (guint32) site->last_time, site->agency,
      };

      g_array_append_val (file_sites, file_site);
    }
  return file_sites;
}

/* The sites as sl_read_set_collect_sites() gives them, or %NULL when one
 * does not fit the set (a bad agency would index past the legend). */
static GArray *
decode_sites (const FileSite        *file_sites,
              guint                  n_sites,
              const SlReadSetLayout *layout)
{
  g_autoptr(GArray) sites = g_array_sized_new (FALSE, FALSE, sizeof (SlReadSite), n_sites);

  for (guint i = 0; i < n_sites; i++)
    {
      FileSite file_site;
      SlReadSite site;

      memcpy (&file_site, file_sites + i, sizeof file_site);
      if (file_site.agency >= layout->n_agencies || file_site.n_reads < SL_READ_SET_MIN_SITE_READS ||
          file_site.n_reads > layout->n_reads || file_site.first_time > file_site.last_time ||
          file_site.first_time < layout->first_time || file_site.last_time > layout->last_time)
        return NULL;
      site = (SlReadSite) {
        sl_mercator_from_fixed (file_site.x), sl_mercator_from_fixed (file_site.y), file_site.n_reads,
        file_site.agency, file_site.first_time, file_site.last_time,
      };
      g_array_append_val (sites, site);
    }
  return g_steal_pointer (&sites);
}

/* Where the arrays of the set are in the file's @bytes. */
static void
arrays_in_file (const Header    *header,
                const guint8    *bytes,
                SlReadSetArrays *arrays)
{
  const Section *sections = header->sections;

  arrays->x = (const guint32 *) (bytes + sections[SECTION_X].offset);
  arrays->y = (const guint32 *) (bytes + sections[SECTION_Y].offset);
  arrays->times = (const guint32 *) (bytes + sections[SECTION_TIMES].offset);
  arrays->agencies = bytes + sections[SECTION_AGENCY_INDEXES].offset;
  arrays->ids = (const guint32 *) (bytes + sections[SECTION_IDS].offset);
  arrays->cell_start = (const guint32 *) (bytes + sections[SECTION_CELL_START].offset);
  arrays->hourly = (const guint32 *) (bytes + sections[SECTION_HOURLY].offset);
}

/* Writes @data as section @s of the file, whole. */
static gboolean
write_section (int          fd,
               Header      *header,
               guint        s,
               const void  *data,
               const char  *path,
               GError     **error)
{
  header->sections[s].checksum = checksum (data, header->sections[s].length);
  return write_at (fd, data, header->sections[s].length, header->sections[s].offset, path, error);
}

/* Ends writing @fd, a file sized by ftruncate() whose sections are
 * written: the header (checksummed), then the file takes @path's place.
 * @tmp is removed on failure. */
static gboolean
commit_file (int          fd,
             Header      *header,
             const char  *tmp,
             const char  *path,
             GError     **error)
{
  gboolean ok;

  header->checksum = checksum (header, G_STRUCT_OFFSET (Header, checksum));
  ok = write_at (fd, header, sizeof *header, 0, tmp, error);
  ok = g_close (fd, ok ? error : NULL) && ok;
  if (ok && g_rename (tmp, path) != 0)
    ok = set_io_error (error, path);
  if (!ok)
    {
      g_unlink (tmp);
      return FALSE;
    }

  {
    g_autofree char *dir = g_path_get_dirname (path);

    sl_read_cache_evict (dir, path, MAX_AGE, MAX_BYTES, g_get_real_time () / G_USEC_PER_SEC);
  }
  return TRUE;
}

typedef struct
{
  char    *path;
  gint64   used;
  guint64  size;
} CacheFile;

static void
cache_file_clear (CacheFile *file)
{
  g_free (file->path);
}

static int
compare_use (gconstpointer a,
             gconstpointer b)
{
  const CacheFile *x = a, *y = b;

  return (x->used > y->used) - (x->used < y->used);
}

/**
 * sl_read_cache_evict:
 * @dir: the directory of read cache files
 * @keep: (nullable): a file never removed (the one just written)
 * @max_age: seconds since a file was last used (its modification time:
 *   sl_read_cache_load() sets it) beyond which it is removed
 * @max_bytes: then files are removed, least recently used first, until
 *   those left take no more than this (@keep counts, but stays)
 * @now: the time, in Unix seconds
 *
 * Removes read cache files (`*.reads`) not used for long, and writers'
 * temporary files (`*.reads.XXXXXX`) older than a day; leaves any other
 * file alone. Failures are only logged: the cache is an optimisation.
 *
 * Returns: how many files were removed
 */
guint
sl_read_cache_evict (const char *dir,
                     const char *keep,
                     gint64      max_age,
                     guint64     max_bytes,
                     gint64      now)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GArray) files = g_array_new (FALSE, FALSE, sizeof (CacheFile));
  guint64 total = 0;
  guint n_removed = 0;
  const char *name;

  g_array_set_clear_func (files, (GDestroyNotify) cache_file_clear);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      gboolean is_temp = strstr (name, ".reads.") != NULL;
      GStatBuf st;

      if ((!g_str_has_suffix (name, ".reads") && !is_temp) || g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if (is_temp || (g_strcmp0 (path, keep) != 0 && now - st.st_mtime > max_age))
        {
          if (is_temp && now - st.st_mtime <= MAX_TEMP_AGE)
            continue;
          if (g_unlink (path) == 0)
            n_removed++;
          else
            g_debug ("Could not remove %s: %s", path, g_strerror (errno));
          continue;
        }
      total += st.st_size;
      g_array_append_val (files, ((CacheFile) { g_steal_pointer (&path), st.st_mtime, st.st_size }));
    }

  g_array_sort (files, compare_use);
  for (guint i = 0; i < files->len && total > max_bytes; i++)
    {
      CacheFile *file = &g_array_index (files, CacheFile, i);

      if (g_strcmp0 (file->path, keep) == 0)
        continue;
      if (g_unlink (file->path) == 0)
        {
          n_removed++;
          total -= file->size;
        }
      else
        g_debug ("Could not remove %s: %s", file->path, g_strerror (errno));
    }
  return n_removed;
}

/**
 * sl_read_cache_save:
 * @path: where to keep it; written next to it first, then renamed over it,
 *   so a reader never sees half a file
 * @stamp: what the reads are the state of
 * @set: a sealed read set
 * @agencies: (element-type SlReadCacheAgency): the owners of its indexes
 *
 * Returns: %TRUE on success
 */
gboolean
sl_read_cache_save (const char  *path,
                    const char  *stamp,
                    SlReadSet   *set,
                    GArray      *agencies,
                    GError     **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr(GArray) sites = NULL;
  g_autoptr(GArray) file_sites = NULL;
  SlReadSetLayout layout;
  SlReadSetArrays arrays;
  Header header;
  const void *data[N_SECTIONS];
  gboolean ok;
  int fd;

  g_return_val_if_fail (sl_read_set_is_sealed (set), FALSE);

  sl_read_set_get_layout (set, &layout, &arrays);
  sites = sl_read_set_collect_sites (set, SL_READ_SET_MIN_SITE_READS);
  file_sites = encode_sites (sites);
  plan_file (&header, &layout, strlen (stamp), agencies->len, file_sites->len);
  data[SECTION_STAMP] = stamp;
  data[SECTION_AGENCIES] = agencies->data;
  data[SECTION_X] = arrays.x;
  data[SECTION_Y] = arrays.y;
  data[SECTION_TIMES] = arrays.times;
  data[SECTION_AGENCY_INDEXES] = arrays.agencies;
  data[SECTION_IDS] = arrays.ids;
  data[SECTION_CELL_START] = arrays.cell_start;
  data[SECTION_HOURLY] = arrays.hourly;
  data[SECTION_SITES] = file_sites->data;

  if ((fd = create_temp (path, &tmp, error)) < 0)
    return FALSE;
  /* The padding between sections is the zeros of the file's holes. */
  ok = ftruncate (fd, header.file_size) == 0 || set_io_error (error, tmp);
  for (guint s = 0; ok && s < N_SECTIONS; s++)
    ok = write_section (fd, &header, s, data[s], tmp, error);
  if (!ok)
    {
      g_close (fd, NULL);
      g_unlink (tmp);
      return FALSE;
    }
  return commit_file (fd, &header, tmp, path, error);
}

static gboolean
refuse (GError     **error,
        const char  *path,
        const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", path, what);
  return FALSE;
}

static gboolean
is_zero (const guint8 *bytes,
         gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (bytes[i] != 0)
      return FALSE;
  return TRUE;
}

/* Bytes checksummed between giving pages back. */
#define CHECK_BYTES (4u << 20)

/* The checksum of a page-aligned part of the mapped file. The pages
 * checked may go until a reader needs them (the mapping is private and
 * never written, so they come back from the file): checking a file does
 * not put it in memory whole. */
static guint64
checksum_mapped (const guint8 *bytes,
                 guint64       length)
{
  Checksum sum;

  checksum_init (&sum);
  for (guint64 done = 0; done < length; done += CHECK_BYTES)
    {
      gsize n = MIN (CHECK_BYTES, length - done);

      checksum_update (&sum, bytes + done, n);
#ifdef MADV_DONTNEED
      if (n >= ALIGNMENT)
        madvise ((void *) (bytes + done), n / ALIGNMENT * ALIGNMENT, MADV_DONTNEED);
#endif
    }
  return checksum_finish (&sum);
}

/* Every section inside the file, aligned and of the length the layout
 * needs, its bytes matching the checksum and its padding zero: no byte of
 * the file goes unchecked. */
static gboolean
check_sections (const Header  *header,
                const guint8  *bytes,
                const char    *path,
                GError       **error)
{
  guint64 expected[N_SECTIONS];

  if (sl_read_set_layout_n_cells (&header->layout) == 0)
    return refuse (error, path, "impossible grid");
  section_lengths (&header->layout, expected);
  for (guint s = 0; s < N_SECTIONS; s++)
    {
      const Section *section = &header->sections[s];

      if (section->offset % ALIGNMENT != 0 || section->offset < ALIGNMENT ||
          section->offset > header->file_size || section->length > header->file_size - section->offset)
        return refuse (error, path, "a section lies outside the file");
      if (s != SECTION_STAMP && s != SECTION_AGENCIES && s != SECTION_SITES && section->length != expected[s])
        return refuse (error, path, "a section has the wrong length");
      if ((s == SECTION_AGENCIES && section->length % sizeof (SlReadCacheAgency) != 0) ||
          (s == SECTION_SITES && section->length % sizeof (FileSite) != 0))
        return refuse (error, path, "a section has the wrong length");
      if (checksum_mapped (bytes + section->offset, section->length) != section->checksum ||
          !is_zero (bytes + section->offset + section->length,
                    MIN (header->file_size - section->offset - section->length,
                         (ALIGNMENT - section->length % ALIGNMENT) % ALIGNMENT)))
        return refuse (error, path, "checksum mismatch");
    }
  return TRUE;
}

/**
 * sl_read_cache_load:
 * @path: a file sl_read_cache_save() wrote
 * @stamp: the state the reads must be of
 * @agencies: (out) (element-type SlReadCacheAgency): the owners of the
 *   set's indexes
 *
 * Maps the file read-only and checks it whole: header, every section's
 * length and checksum, the stamp, and the read set's index
 * (sl_read_set_new_borrowed()). The set then reads its arrays from the
 * mapping; the read ids, needed only when a read is picked on the map,
 * are left out of memory until then.
 *
 * Returns: (transfer full): the sealed set, or %NULL with @error set
 *   (%G_IO_ERROR_NOT_FOUND when there is no file, %G_IO_ERROR_INVALID_DATA
 *   when it is stale or damaged)
 */
SlReadSet *
sl_read_cache_load (const char  *path,
                    const char  *stamp,
                    GArray     **agencies,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &local_error);
  g_autoptr(GArray) sites = NULL;
  const guint8 *bytes;
  Header header;
  SlReadSetArrays arrays;
  const Section *sections = header.sections;
  SlReadSet *set;
  gsize size;

  if (file == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s", local_error->message);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", local_error->message);
      return NULL;
    }

  bytes = (const guint8 *) g_mapped_file_get_contents (file);
  size = g_mapped_file_get_length (file);
  if (size < ALIGNMENT)
    return refuse (error, path, "too short"), NULL;
  memcpy (&header, bytes, sizeof header);
  if (memcmp (header.magic, MAGIC, sizeof header.magic) != 0)
    return refuse (error, path, "not a read cache"), NULL;
  if (header.version != VERSION || header.byte_order != BYTE_ORDER_MARK)
    return refuse (error, path, "another version or byte order"), NULL;
  if (header.checksum != checksum (&header, G_STRUCT_OFFSET (Header, checksum)))
    return refuse (error, path, "checksum mismatch"), NULL;
  if (header.file_size != size)
    return refuse (error, path, "truncated or extended"), NULL;
  if (!is_zero (bytes + sizeof header, ALIGNMENT - sizeof header))
    return refuse (error, path, "checksum mismatch"), NULL;
  if (!check_sections (&header, bytes, path, error))
    return NULL;
  if (sections[SECTION_STAMP].length != strlen (stamp) ||
      memcmp (bytes + sections[SECTION_STAMP].offset, stamp, strlen (stamp)) != 0)
    return refuse (error, path, "stale"), NULL;

  sites = decode_sites ((const FileSite *) (bytes + sections[SECTION_SITES].offset),
                        sections[SECTION_SITES].length / sizeof (FileSite), &header.layout);
  if (sites == NULL)
    return refuse (error, path, "inconsistent sites"), NULL;
  arrays_in_file (&header, bytes, &arrays);

  *agencies = g_array_sized_new (FALSE, FALSE, sizeof (SlReadCacheAgency),
                                 sections[SECTION_AGENCIES].length / sizeof (SlReadCacheAgency));
  g_array_append_vals (*agencies, bytes + sections[SECTION_AGENCIES].offset,
                       sections[SECTION_AGENCIES].length / sizeof (SlReadCacheAgency));

  set = sl_read_set_new_borrowed (&header.layout, &arrays, g_steal_pointer (&file),
                                  (GDestroyNotify) g_mapped_file_unref, error);
  if (set == NULL)
    {
      g_clear_pointer (agencies, g_array_unref);
      return NULL;
    }
  sl_read_set_set_sites (set, g_steal_pointer (&sites), SL_READ_SET_MIN_SITE_READS);
  /* Used now: eviction goes by this (access times are not kept on every
   * file system). Read-only, it stays as it was. */
  g_utime (path, NULL);
  return set;
}

/* Building a set straight into its file.
 *
 * The heap way (sl_read_set_append(), sl_read_set_seal(), then
 * sl_read_cache_save()) holds every read in memory, 21 bytes each while
 * sealing (a 237 MiB peak at ten million reads, on top of the window).
 * Here the reads go in scan order to a spill file (plain write(): the page
 * cache is not the process's memory). The read set's own counting sort
 * (sl_read_sort_*()) counts them in one pass over it and places them in
 * a second, which sends each read with its sorted position to the bucket
 * of its window of the sorted order (a second spill file, each window's
 * part of it sized from the counts). Then each window is read back,
 * put in order on the heap and written out: memory stays at one window
 * whatever the number of reads. The file is the one sl_read_cache_save()
 * writes, byte for byte (the camera sites found through a read-only
 * mapping of the new file before it is put in place), and is then mapped
 * like any cached set. pwrite() and not a shared mapping: a full disk is
 * then an error, not a SIGBUS. */

/* x, y, time, id, agency, packed. */
#define RECORD_SIZE 17
/* A record after its sorted position. */
#define ENTRY_SIZE (4 + RECORD_SIZE)
/* Entries per write() or read() of a spill file (1.4 MB). */
#define SPILL_BATCH 65536
/* The buffers of all buckets together. */
#define BUCKET_BYTES (1u << 20)

struct _SlReadCacheBuilder
{
  char         *path;
  /* The new cache file, until renamed to path. */
  char         *tmp;
  int           fd;
  /* The reads in scan order, in a file already unlinked: nothing is left
   * behind however the build ends. */
  int           spill;
  guint8       *batch;
  guint         n_batched;
  guint64       n_spilled;
  SlReadExtent  extent;
  guint         n_agencies;
  guint         window;
  /* The first failure to write a spill file. */
  GError       *error;
};

/**
 * sl_read_cache_builder_new:
 * @path: the read cache file to make (as for sl_read_cache_save())
 * @window_bytes: the heap the sort may take for one window of the sorted
 *   reads (17 bytes each). The grid's cell starts (up to 8 MiB) and 2 MiB
 *   of buffers come on top.
 *
 * Starts building a read set into a cache file. Fails at once when the
 * file cannot be made (e.g. the cache directory is not writable); the
 * caller then builds the set in memory.
 *
 * Returns: (transfer full): the builder, or %NULL with @error set
 */
SlReadCacheBuilder *
sl_read_cache_builder_new (const char  *path,
                           gsize        window_bytes,
                           GError     **error)
{
  g_autoptr(SlReadCacheBuilder) builder = g_new0 (SlReadCacheBuilder, 1);
  g_autofree char *spill_path = NULL;

  builder->fd = builder->spill = -1;
  builder->path = g_strdup (path);
  builder->window = MAX (window_bytes / RECORD_SIZE, 1);
  sl_read_extent_init (&builder->extent);
  if ((builder->fd = create_temp (path, &builder->tmp, error)) < 0 ||
      (builder->spill = create_temp (path, &spill_path, error)) < 0)
    return NULL;
  g_unlink (spill_path);
  builder->batch = g_malloc (SPILL_BATCH * ENTRY_SIZE);
  return g_steal_pointer (&builder);
}

static void
spill_batch (SlReadCacheBuilder *builder)
{
  if (builder->error == NULL)
    write_at (builder->spill, builder->batch, (gsize) builder->n_batched * RECORD_SIZE,
              builder->n_spilled * RECORD_SIZE, builder->path, &builder->error);
  builder->n_spilled += builder->n_batched;
  builder->n_batched = 0;
}

static inline void
encode_record (guint8             *p,
               const SlReadRecord *record)
{
  memcpy (p, &record->x, 4);
  memcpy (p + 4, &record->y, 4);
  memcpy (p + 8, &record->time, 4);
  memcpy (p + 12, &record->id, 4);
  p[16] = record->agency;
}

static inline void
decode_record (const guint8 *p,
               SlReadRecord *record)
{
  memcpy (&record->x, p, 4);
  memcpy (&record->y, p + 4, 4);
  memcpy (&record->time, p + 8, 4);
  memcpy (&record->id, p + 12, 4);
  record->agency = p[16];
}

/**
 * sl_read_cache_builder_append:
 *
 * As sl_read_set_append(). A failure to write is reported by
 * sl_read_cache_builder_finish().
 */
void
sl_read_cache_builder_append (SlReadCacheBuilder *builder,
                              guint32             id,
                              double              latitude,
                              double              longitude,
                              gint64              time,
                              guint8              agency)
{
  SlReadRecord record;

  g_return_if_fail (builder->extent.n_reads < G_MAXUINT32 - 1);

  sl_read_record_init (&record, id, latitude, longitude, time, agency);
  sl_read_extent_add (&builder->extent, &record);
  builder->n_agencies = MAX (builder->n_agencies, (guint) agency + 1);
  encode_record (builder->batch + (gsize) builder->n_batched * RECORD_SIZE, &record);
  if (++builder->n_batched == SPILL_BATCH)
    spill_batch (builder);
}

typedef void (*EntryFunc) (const guint8 *entry,
                           gpointer      user_data);

/* Calls @func with entries [@first, @first + @n) of @size bytes of the
 * spill file @fd, in order. */
static gboolean
foreach_entry (SlReadCacheBuilder  *builder,
               int                  fd,
               gsize                size,
               guint64              first,
               guint64              n,
               EntryFunc            func,
               gpointer             user_data,
               GError             **error)
{
  for (guint64 done = 0; done < n;)
    {
      gsize want = MIN (SPILL_BATCH, n - done) * size;
      gssize got = pread (fd, builder->batch, want, (first + done) * size);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        return set_io_error (error, builder->path);
      if (got == 0 || got % size != 0)
        return g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: spill file cut short", builder->path), FALSE;
      for (gssize i = 0; i < got; i += size)
        func (builder->batch + i, user_data);
      done += got / size;
    }
  return TRUE;
}

typedef struct
{
  SlReadCacheBuilder *builder;
  SlReadSort         *sort;
  const guint8       *map;
  guint               n_agencies;
  /* The buckets: one per window of the sorted order, in the spill file
   * @buckets, each with a buffer of @bucket_capacity entries. */
  int                 buckets;
  guint               n_buckets;
  guint               bucket_capacity;
  guint8             *buffers;
  guint              *n_buffered;
  guint              *n_flushed;
  GError             *error;
  /* One window of the sorted order: reads [start, end). */
  guint               start;
  guint32            *x;
  guint32            *y;
  guint32            *times;
  guint8             *agencies;
  guint32            *ids;
} Sorting;

static void
count_entry (const guint8 *entry,
             gpointer      user_data)
{
  Sorting *sorting = user_data;
  SlReadRecord record;

  decode_record (entry, &record);
  sl_read_sort_count (sorting->sort, record.x, record.y, record.time);
  sorting->n_agencies = MAX (sorting->n_agencies, (guint) sorting->map[record.agency] + 1);
}

static void
flush_bucket (Sorting *sorting,
              guint    k)
{
  guint64 offset = (guint64) k * sorting->builder->window + sorting->n_flushed[k];

  if (sorting->error == NULL)
    write_at (sorting->buckets, sorting->buffers + (gsize) k * sorting->bucket_capacity * ENTRY_SIZE,
              (gsize) sorting->n_buffered[k] * ENTRY_SIZE, offset * ENTRY_SIZE, sorting->builder->path,
              &sorting->error);
  sorting->n_flushed[k] += sorting->n_buffered[k];
  sorting->n_buffered[k] = 0;
}

static void
distribute_entry (const guint8 *entry,
                  gpointer      user_data)
{
  Sorting *sorting = user_data;
  SlReadRecord record;
  guint32 dest;
  guint k;
  guint8 *p;

  decode_record (entry, &record);
  dest = sl_read_sort_place (sorting->sort, record.x, record.y);
  k = dest / sorting->builder->window;
  p = sorting->buffers + ((gsize) k * sorting->bucket_capacity + sorting->n_buffered[k]) * ENTRY_SIZE;
  memcpy (p, &dest, 4);
  memcpy (p + 4, entry, RECORD_SIZE);
  if (++sorting->n_buffered[k] == sorting->bucket_capacity)
    flush_bucket (sorting, k);
}

static void
place_entry (const guint8 *entry,
             gpointer      user_data)
{
  Sorting *sorting = user_data;
  SlReadRecord record;
  guint32 dest;

  memcpy (&dest, entry, 4);
  decode_record (entry + 4, &record);
  dest -= sorting->start;
  sorting->x[dest] = record.x;
  sorting->y[dest] = record.y;
  sorting->times[dest] = record.time;
  sorting->agencies[dest] = sorting->map[record.agency];
  sorting->ids[dest] = record.id;
}

/* Sends every read to its window's bucket. */
static gboolean
distribute (Sorting       *sorting,
            GError       **error)
{
  SlReadCacheBuilder *builder = sorting->builder;
  g_autofree char *bucket_path = NULL;

  if ((sorting->buckets = create_temp (builder->path, &bucket_path, error)) < 0)
    return FALSE;
  g_unlink (bucket_path);
  sorting->n_buckets = (builder->n_spilled + builder->window - 1) / builder->window;
  sorting->bucket_capacity = MAX (BUCKET_BYTES / ENTRY_SIZE / MAX (sorting->n_buckets, 1), 1);
  sorting->buffers = g_malloc ((gsize) sorting->n_buckets * sorting->bucket_capacity * ENTRY_SIZE);
  sorting->n_buffered = g_new0 (guint, sorting->n_buckets);
  sorting->n_flushed = g_new0 (guint, sorting->n_buckets);

  sl_read_sort_rewind (sorting->sort);
  if (!foreach_entry (builder, builder->spill, RECORD_SIZE, 0, builder->n_spilled, distribute_entry, sorting, error))
    return FALSE;
  for (guint k = 0; k < sorting->n_buckets; k++)
    flush_bucket (sorting, k);
  g_clear_pointer (&sorting->buffers, g_free);
  if (sorting->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sorting->error));
      return FALSE;
    }
  return TRUE;
}

/* Puts each window in order and writes the read sections. */
static gboolean
write_reads (Sorting       *sorting,
             Header        *header,
             GCancellable  *cancellable,
             GError       **error)
{
  static const guint sections[] = { SECTION_X, SECTION_Y, SECTION_TIMES, SECTION_AGENCY_INDEXES, SECTION_IDS };
  SlReadCacheBuilder *builder = sorting->builder;
  guint n = header->layout.n_reads;
  gsize window = MAX (MIN (n, builder->window), 1);
  g_autofree guint32 *x = g_new (guint32, window);
  g_autofree guint32 *y = g_new (guint32, window);
  g_autofree guint32 *times = g_new (guint32, window);
  g_autofree guint8 *agencies = g_new (guint8, window);
  g_autofree guint32 *ids = g_new (guint32, window);
  const void *data[] = { x, y, times, agencies, ids };
  Checksum sums[G_N_ELEMENTS (sections)];

  sorting->x = x;
  sorting->y = y;
  sorting->times = times;
  sorting->agencies = agencies;
  sorting->ids = ids;
  for (guint k = 0; k < G_N_ELEMENTS (sections); k++)
    checksum_init (&sums[k]);

  for (guint b = 0; b < sorting->n_buckets; b++)
    {
      guint length = sorting->n_flushed[b];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      sorting->start = b * builder->window;
      if (!foreach_entry (builder, sorting->buckets, ENTRY_SIZE, sorting->start, length, place_entry, sorting, error))
        return FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (sections); k++)
        {
          gsize element = sections[k] == SECTION_AGENCY_INDEXES ? 1 : 4;

          checksum_update (&sums[k], data[k], length * element);
          if (!write_at (builder->fd, data[k], length * element,
                         header->sections[sections[k]].offset + (guint64) sorting->start * element,
                         builder->tmp, error))
            return FALSE;
        }
    }
  for (guint k = 0; k < G_N_ELEMENTS (sections); k++)
    header->sections[sections[k]].checksum = checksum_finish (&sums[k]);
  return TRUE;
}

/* The sites of the set written so far in the new file, found through a
 * read-only mapping of it (giving pages back behind, as on any open). */
static GArray *
collect_file_sites (SlReadCacheBuilder  *builder,
                    const Header        *header,
                    GError             **error)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (builder->tmp, FALSE, error);
  g_autoptr(SlReadSet) set = NULL;
  g_autoptr(GArray) sites = NULL;
  SlReadSetArrays arrays;

  if (file == NULL)
    return NULL;
  arrays_in_file (header, (const guint8 *) g_mapped_file_get_contents (file), &arrays);
  set = sl_read_set_new_borrowed (&header->layout, &arrays, g_mapped_file_ref (file),
                                  (GDestroyNotify) g_mapped_file_unref, error);
  if (set == NULL)
    return NULL;
  sites = sl_read_set_collect_sites (set, SL_READ_SET_MIN_SITE_READS);
  return encode_sites (sites);
}

static void
sorting_clear (Sorting *sorting)
{
  if (sorting->buckets >= 0)
    g_close (sorting->buckets, NULL);
  g_free (sorting->buffers);
  g_free (sorting->n_buffered);
  g_free (sorting->n_flushed);
  g_clear_error (&sorting->error);
  sl_read_sort_clear (sorting->sort);
}

/**
 * sl_read_cache_builder_finish:
 * @stamp: what the reads are the state of
 * @map: (array length=n_map): the new index of each agency index in use,
 *   as for sl_read_set_remap_agencies()
 * @agencies: (element-type SlReadCacheAgency): the owners of the new
 *   indexes
 * @cancellable: (nullable): checked between windows
 *
 * Sorts the reads into the cache file, puts it in place of any older one
 * and maps it (sl_read_cache_load()). On failure no file is left but the
 * older one; the caller may build the set in memory instead.
 *
 * Returns: (transfer full): the sealed set, or %NULL with @error set
 */
SlReadSet *
sl_read_cache_builder_finish (SlReadCacheBuilder  *builder,
                              const char          *stamp,
                              const guint8        *map,
                              guint                n_map,
                              GArray              *agencies,
                              GCancellable        *cancellable,
                              GError             **error)
{
  g_autoptr(GArray) loaded_agencies = NULL;
  g_autoptr(GArray) file_sites = NULL;
  SlReadSetLayout layout;
  SlReadSort sort;
  Sorting sorting = { builder, &sort, map, .buckets = -1 };
  Header header;
  gboolean ok;
  int fd;

  g_return_val_if_fail (builder->fd >= 0, NULL);
  g_return_val_if_fail (n_map >= builder->n_agencies, NULL);

  spill_batch (builder);
  if (builder->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&builder->error));
      return NULL;
    }

  /* The agencies' count is known after the counting pass; the grid and
   * the time span before it. */
  sl_read_set_layout_init (&layout, &builder->extent, 0);
  sl_read_sort_init (&sort, &layout);
  ok = foreach_entry (builder, builder->spill, RECORD_SIZE, 0, builder->n_spilled, count_entry, &sorting, error);
  layout.n_agencies = sorting.n_agencies;
  plan_file (&header, &layout, strlen (stamp), agencies->len, 0);
  /* The padding between sections is the zeros of the file's holes. */
  ok = ok && (ftruncate (builder->fd, header.file_size) == 0 || set_io_error (error, builder->tmp));
  ok = ok && write_section (builder->fd, &header, SECTION_STAMP, stamp, builder->tmp, error) &&
       write_section (builder->fd, &header, SECTION_AGENCIES, agencies->data, builder->tmp, error) &&
       !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       distribute (&sorting, error) &&
       write_reads (&sorting, &header, cancellable, error) &&
       write_section (builder->fd, &header, SECTION_CELL_START, sort.cell_start, builder->tmp, error) &&
       write_section (builder->fd, &header, SECTION_HOURLY, sort.hourly, builder->tmp, error) &&
       (file_sites = collect_file_sites (builder, &header, error)) != NULL;
  sorting_clear (&sorting);
  if (ok)
    {
      plan_sites (&header, file_sites->len);
      ok = (ftruncate (builder->fd, header.file_size) == 0 || set_io_error (error, builder->tmp)) &&
           write_section (builder->fd, &header, SECTION_SITES, file_sites->data, builder->tmp, error);
    }
  if (!ok)
    return NULL;

  fd = builder->fd;
  builder->fd = -1;
  if (!commit_file (fd, &header, builder->tmp, builder->path, error))
    return NULL;
  g_clear_pointer (&builder->tmp, g_free);
  return sl_read_cache_load (builder->path, stamp, &loaded_agencies, error);
}

/**
 * sl_read_cache_builder_free:
 *
 * Ends a build; one not finished (cancelled, failed) leaves no file.
 */
void
sl_read_cache_builder_free (SlReadCacheBuilder *builder)
{
  if (builder == NULL)
    return;
  if (builder->fd >= 0)
    g_close (builder->fd, NULL);
  if (builder->tmp != NULL)
    g_unlink (builder->tmp);
  if (builder->spill >= 0)
    g_close (builder->spill, NULL);
  g_clear_error (&builder->error);
  g_free (builder->batch);
  g_free (builder->tmp);
  g_free (builder->path);
  g_free (builder);
}
