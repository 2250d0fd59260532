/* qcow2 internal snapshots: the snapshot table (read, validated, rewritten whole), and
 * creating, applying and deleting snapshots with their refcount updates in crash-safe
 * order (new references are counted before they are written, dropped ones after). */
#include "sysemu/block/qcow2.h"
#include "sysemu/block/hostfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SNAP_TABLE_MAX (64u << 20)

void qcow2_snapshots_free(struct qcow2 *s)
{
    free(s->snaps);
    s->snaps = NULL;
}

static int parse_one(struct qcow2 *s, const uint8_t *p, uint64_t avail, uint64_t file_size,
                     struct qcow2_snapshot *sn, uint64_t *used)
{
    if (avail < 40)
        return block_fail(-EINVAL, "qcow2: snapshot table is truncated");
    sn->l1_offset = be64(p);
    sn->l1_size = be32(p + 8);
    uint16_t id_len = be16(p + 12), name_len = be16(p + 14);
    sn->info.date_sec = be32(p + 16);
    sn->info.date_nsec = be32(p + 20);
    sn->info.vm_clock_nsec = be64(p + 24);
    sn->info.vm_state_size = be32(p + 32);
    sn->extra_size = be32(p + 36);
    uint64_t need = 40 + (uint64_t)sn->extra_size + id_len + name_len;
    if (need > avail)
        return block_fail(-EINVAL, "qcow2: snapshot table is truncated");
    const uint8_t *x = p + 40;
    sn->disk_size = s->bs->size;
    sn->info.icount = UINT64_MAX;
    if (sn->extra_size >= 8)
        sn->info.vm_state_size = be64(x);
    if (sn->extra_size >= 16)
        sn->disk_size = be64(x + 8);
    if (sn->extra_size >= 24)
        sn->info.icount = be64(x + 16);
    if (id_len >= sizeof(sn->info.id) || name_len >= sizeof(sn->info.name))
        return block_fail(-EINVAL, "qcow2: snapshot id or name too long");
    memcpy(sn->info.id, x + sn->extra_size, id_len);
    sn->info.id[id_len] = 0;
    memcpy(sn->info.name, x + sn->extra_size + id_len, name_len);
    sn->info.name[name_len] = 0;
    if ((uint64_t)sn->l1_size * 8 > QCOW2_MAX_L1_BYTES || sn->l1_offset & (s->cluster_size - 1) ||
        sn->l1_offset > file_size || (uint64_t)sn->l1_size * 8 > file_size - sn->l1_offset ||
        (sn->l1_size && sn->l1_offset < s->cluster_size))
        return block_fail(-EINVAL, "qcow2: snapshot '%s' has an invalid L1 table (0x%llx, %u "
                          "entries)", sn->info.name, (unsigned long long)sn->l1_offset,
                          sn->l1_size);
    if (sn->disk_size > BLOCK_MAX_SIZE)
        return block_fail(-EINVAL, "qcow2: snapshot '%s' has an absurd disk size",
                          sn->info.name);
    *used = (need + 7) & ~7ULL;
    return 0;
}

int qcow2_snapshots_load(struct qcow2 *s)
{
    s->snapshots_size = 0;
    if (!s->nb_snapshots)
        return 0;
    uint64_t file_size;
    int r = hostfile_size(s->fd, &file_size);
    if (r < 0)
        return r;
    uint64_t avail = file_size - s->snapshots_offset;
    if (avail > SNAP_TABLE_MAX)
        avail = SNAP_TABLE_MAX;
    uint8_t *buf = malloc((size_t)avail);
    s->snaps = calloc(s->nb_snapshots, sizeof(*s->snaps));
    if (!buf || !s->snaps) {
        free(buf);
        return -ENOMEM;
    }
    r = hostfile_pread(s->fd, buf, (size_t)avail, s->snapshots_offset);
    uint64_t pos = 0;
    for (uint32_t i = 0; r == 0 && i < s->nb_snapshots; i++) {
        uint64_t used = 0;
        r = parse_one(s, buf + pos, avail - pos, file_size, &s->snaps[i], &used);
        pos += used;
    }
    free(buf);
    s->snapshots_size = pos;
    return r;
}

static size_t entry_size(const struct qcow2_snapshot *sn, uint32_t extra)
{
    return (40 + extra + strlen(sn->info.id) + strlen(sn->info.name) + 7) & ~(size_t)7;
}

static void put_entry(uint8_t *p, const struct qcow2_snapshot *sn, uint32_t extra)
{
    size_t id_len = strlen(sn->info.id), name_len = strlen(sn->info.name);
    put_be64(p, sn->l1_offset);
    put_be32(p + 8, sn->l1_size);
    put_be16(p + 12, (uint16_t)id_len);
    put_be16(p + 14, (uint16_t)name_len);
    put_be32(p + 16, sn->info.date_sec);
    put_be32(p + 20, sn->info.date_nsec);
    put_be64(p + 24, sn->info.vm_clock_nsec);
    put_be32(p + 32, sn->info.vm_state_size > UINT32_MAX ? 0 : (uint32_t)sn->info.vm_state_size);
    put_be32(p + 36, extra);
    put_be64(p + 40, sn->info.vm_state_size);
    put_be64(p + 48, sn->disk_size);
    if (extra >= 24)
        put_be64(p + 56, sn->info.icount);
    memcpy(p + 40 + extra, sn->info.id, id_len);
    memcpy(p + 40 + extra + id_len, sn->info.name, name_len);
}

int qcow2_snapshots_write(struct qcow2 *s)
{
    uint32_t extra = s->version >= 3 ? 24 : 16;
    size_t total = 0;
    for (uint32_t i = 0; i < s->nb_snapshots; i++)
        total += entry_size(&s->snaps[i], extra);
    uint64_t old = s->snapshots_offset, old_size = s->snapshots_size, off = 0;
    uint8_t *buf = calloc(1, total ? qcow2_align(s, total) : 1);
    if (!buf)
        return -ENOMEM;
    size_t pos = 0;
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        put_entry(buf + pos, &s->snaps[i], extra);
        pos += entry_size(&s->snaps[i], extra);
    }
    int r = 0;
    if (total && (r = qcow2_alloc_clusters(s, qcow2_clusters(s, total), &off)) == 0 &&
        (r = qcow2_refcount_sync(s)) == 0 && (r = qcow2_barrier(s)) == 0)
        r = hostfile_pwrite(s->fd, buf, qcow2_align(s, total), off);
    free(buf);
    if (r == 0)
        r = qcow2_barrier(s);
    if (r < 0)
        return r;
    s->snapshots_offset = off;
    s->snapshots_size = total;
    if ((r = qcow2_write_header(s)) == 0 && (r = qcow2_barrier(s)) == 0 && old_size)
        r = qcow2_refcount_add(s, old, old_size, -1);
    return r;
}

static int find(struct qcow2 *s, const char *id_or_name)
{
    for (uint32_t i = 0; i < s->nb_snapshots; i++)
        if (!strcmp(s->snaps[i].info.id, id_or_name))
            return (int)i;
    for (uint32_t i = 0; i < s->nb_snapshots; i++)
        if (!strcmp(s->snaps[i].info.name, id_or_name))
            return (int)i;
    return block_fail(-ENOENT, "snapshot '%s' not found", id_or_name);
}

int qcow2_snapshot_list(struct block_dev *bs, struct block_snapshot **list)
{
    struct qcow2 *s = bs->opaque;
    *list = NULL;
    if (!s->nb_snapshots)
        return 0;
    *list = malloc(sizeof(**list) * s->nb_snapshots);
    if (!*list)
        return -ENOMEM;
    for (uint32_t i = 0; i < s->nb_snapshots; i++)
        (*list)[i] = s->snaps[i].info;
    return (int)s->nb_snapshots;
}

static void next_id(struct qcow2 *s, char *id, size_t len)
{
    unsigned long max = 0;
    for (uint32_t i = 0; i < s->nb_snapshots; i++) {
        unsigned long v = strtoul(s->snaps[i].info.id, NULL, 10);
        if (v > max)
            max = v;
    }
    snprintf(id, len, "%lu", max + 1);
}

/* Writes a copy of the active L1 table (COPIED flags cleared) to new clusters. */
static int copy_l1(struct qcow2 *s, uint64_t *offset)
{
    uint64_t bytes = qcow2_align(s, (uint64_t)s->l1_size * 8);
    uint8_t *buf = calloc(1, bytes ? bytes : 1);
    if (!buf)
        return -ENOMEM;
    for (uint32_t i = 0; i < s->l1_size; i++)
        put_be64(buf + (size_t)i * 8, s->l1[i] & ~QCOW_OFLAG_COPIED);
    int r = 0;
    *offset = 0;
    if (bytes && (r = qcow2_alloc_clusters(s, bytes >> s->cluster_bits, offset)) == 0 &&
        (r = qcow2_refcount_sync(s)) == 0 && (r = qcow2_barrier(s)) == 0)
        r = hostfile_pwrite(s->fd, buf, bytes, *offset);
    free(buf);
    return r;
}

int qcow2_snapshot_create(struct block_dev *bs, const struct block_snapshot *info)
{
    struct qcow2 *s = bs->opaque;
    if (s->nb_snapshots >= QCOW2_MAX_SNAPSHOTS)
        return block_fail(-EFBIG, "qcow2: too many snapshots");
    /* Names may repeat, as qemu-img allows (-a and -d take the first match); IDs may not. */
    for (uint32_t i = 0; i < s->nb_snapshots; i++)
        if (info->id[0] && !strcmp(s->snaps[i].info.id, info->id))
            return block_fail(-EEXIST, "snapshot ID '%s' already exists", info->id);
    struct qcow2_snapshot sn = { .info = *info, .disk_size = bs->size, .l1_size = s->l1_size };
    if (!sn.info.id[0])
        next_id(s, sn.info.id, sizeof(sn.info.id));
    /* COPIED flags go first (a flag missing only costs a copy; a flag on a shared cluster
     * would let a write change the snapshot), then the refcounts, then the snapshot's L1
     * copy and the table that points at it. */
    int r = qcow2_l1_refs(s, s->l1, s->l1_size, 1);
    if (r == 0 && (r = qcow2_update_copied(s)) == 0 && (r = qcow2_barrier(s)) == 0 &&
        (r = qcow2_refcount_sync(s)) == 0)
        r = qcow2_barrier(s);
    if (r == 0)
        r = copy_l1(s, &sn.l1_offset);
    if (r < 0)
        return r;
    struct qcow2_snapshot *n = realloc(s->snaps, sizeof(*n) * (s->nb_snapshots + 1));
    if (!n)
        return -ENOMEM;
    s->snaps = n;
    s->snaps[s->nb_snapshots++] = sn;
    r = qcow2_snapshots_write(s);
    if (r == 0)
        r = qcow2_refcount_sync(s);
    return r;
}

int qcow2_snapshot_goto(struct block_dev *bs, const char *id_or_name)
{
    struct qcow2 *s = bs->opaque;
    int i = find(s, id_or_name);
    if (i < 0)
        return i;
    struct qcow2_snapshot sn = s->snaps[i];
    int r = qcow2_l1_grow(s, (uint64_t)sn.l1_size << (s->cluster_bits + s->l2_bits));
    uint64_t *snap_l1 = NULL, *old = malloc((size_t)s->l1_size * 8 + 8);
    if (r == 0 && !old)
        r = -ENOMEM;
    if (r == 0)
        r = qcow2_l1_read(s, sn.l1_offset, sn.l1_size, &snap_l1);
    if (r == 0 && (r = qcow2_l1_refs(s, snap_l1, sn.l1_size, 1)) == 0 &&
        (r = qcow2_refcount_sync(s)) == 0)
        r = qcow2_barrier(s);
    if (r == 0) {
        memcpy(old, s->l1, (size_t)s->l1_size * 8);
        memset(s->l1, 0, (size_t)s->l1_size * 8);
        memcpy(s->l1, snap_l1, (size_t)sn.l1_size * 8);
        bs->size = sn.disk_size;
        if ((r = qcow2_l1_write(s, 0, s->l1_size)) == 0 && (r = qcow2_write_header(s)) == 0)
            r = qcow2_barrier(s);
    }
    /* Dropped references are durable before COPIED flags are set on what they free up. */
    if (r == 0 && (r = qcow2_l1_refs(s, old, s->l1_size, -1)) == 0 &&
        (r = qcow2_refcount_sync(s)) == 0 && (r = qcow2_barrier(s)) == 0)
        r = qcow2_update_copied(s);
    free(snap_l1);
    free(old);
    return r;
}

int qcow2_snapshot_delete(struct block_dev *bs, const char *id_or_name)
{
    struct qcow2 *s = bs->opaque;
    int i = find(s, id_or_name);
    if (i < 0)
        return i;
    struct qcow2_snapshot sn = s->snaps[i];
    uint64_t *l1 = NULL;
    int r = qcow2_l1_read(s, sn.l1_offset, sn.l1_size, &l1);
    if (r < 0)
        return r;
    memmove(&s->snaps[i], &s->snaps[i + 1], sizeof(sn) * (s->nb_snapshots - (uint32_t)i - 1));
    s->nb_snapshots--;
    r = qcow2_snapshots_write(s);
    if (r == 0)
        r = qcow2_l1_refs(s, l1, sn.l1_size, -1);
    if (r == 0 && sn.l1_size)
        r = qcow2_refcount_add(s, sn.l1_offset, (uint64_t)sn.l1_size * 8, -1);
    if (r == 0 && (r = qcow2_refcount_sync(s)) == 0 && (r = qcow2_barrier(s)) == 0)
        r = qcow2_update_copied(s);
    free(l1);
    return r;
}
