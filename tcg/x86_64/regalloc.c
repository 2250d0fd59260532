/* Register allocator primitives: a local allocator in the style of a single forward
 * pass. Values move between host registers and their memory homes only when an op
 * needs a register, a register must be freed, or liveness says the home must be
 * current (sync).
 *
 * Several temps may hold the same value in one host register: a move between temps
 * costs no code, it only adds the destination to the register's ring of temps. A ring
 * member that is overwritten leaves the ring; a register is modified in place only
 * when the value it holds is needed by nobody else. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "tcg/x86_64/cg.h"

/* Allocation order: callee-saved first (they survive helper calls), then registers
 * with no fixed role, and last the ones division, shifts and calls need. */
static const int8_t alloc_order[] = {
    RBX, R12, R13, R14, RSI, RDI, R8, R9, R10, R11, RAX, RDX, RCX,
};

void *cg_grow(void *p, uint32_t *cap, size_t elem, uint32_t need)
{
    if (need <= *cap)
        return p;
    uint32_t n = *cap ? *cap * 2 : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(p, n * elem);
    if (!q)
        abort();
    *cap = n;
    return q;
}

struct ir_temp *cg_temp(struct cg *cg, uintptr_t t) { return &cg->ir->temps[t]; }
bool cg_is64(struct cg *cg, uintptr_t t) { return cg_temp(cg, t)->type == IR_I64; }

void cg_ra_begin(struct cg *cg)
{
    struct ir *ir = cg->ir;
    for (int r = 0; r < 16; r++)
        cg->reg_temp[r] = -1;
    cg->locked = 0;
    cg->frame_used = 0;
    for (uint32_t i = 0; i < ir->nb_temps; i++) {
        struct ir_temp *t = &ir->temps[i];
        t->mem_allocated = false;
        t->slot = -1;
        t->reg_next = (uint16_t)i;
        switch (t->kind) {
        case IRK_GLOBAL:
            t->val_kind = VK_MEM;
            t->mem_coherent = true;
            break;
        case IRK_CONST:
            t->val_kind = VK_CONST;
            t->mem_coherent = false;
            break;
        case IRK_FIXED:
            t->val_kind = VK_REG;
            t->reg = CG_ENV;
            t->mem_coherent = false;
            break;
        default:
            t->val_kind = VK_DEAD;
            t->mem_coherent = false;
            break;
        }
    }
}

/* ---- rings of temps sharing a register ---- */

static void ring_remove(struct cg *cg, uintptr_t ti)
{
    struct ir_temp *t = cg_temp(cg, ti);
    int r = t->reg;
    if (t->reg_next == ti) {
        cg->reg_temp[r] = -1;
    } else {
        uintptr_t p = t->reg_next;
        while (cg_temp(cg, p)->reg_next != ti)
            p = cg_temp(cg, p)->reg_next;
        cg_temp(cg, p)->reg_next = t->reg_next;
        if ((uintptr_t)cg->reg_temp[r] == ti)
            cg->reg_temp[r] = (int32_t)t->reg_next;
    }
    t->reg_next = (uint16_t)ti;
}

static void ring_add(struct cg *cg, uintptr_t ti, int r)
{
    struct ir_temp *t = cg_temp(cg, ti);
    t->val_kind = VK_REG;
    t->reg = (uint8_t)r;
    if (cg->reg_temp[r] < 0) {
        t->reg_next = (uint16_t)ti;
        cg->reg_temp[r] = (int32_t)ti;
    } else {
        struct ir_temp *h = cg_temp(cg, (uintptr_t)cg->reg_temp[r]);
        t->reg_next = h->reg_next;
        h->reg_next = (uint16_t)ti;
    }
}

static bool reg_shared(struct cg *cg, int r)
{
    int32_t h = cg->reg_temp[r];
    return h >= 0 && cg_temp(cg, (uintptr_t)h)->reg_next != (uint16_t)h;
}

/* Is ti the only temp in its register? */
bool cg_reg_alone(struct cg *cg, uintptr_t ti)
{
    struct ir_temp *t = cg_temp(cg, ti);
    return t->val_kind == VK_REG && t->kind != IRK_FIXED && !reg_shared(cg, t->reg);
}

static void unbind_reg(struct cg *cg, struct ir_temp *t, uintptr_t ti)
{
    if (t->val_kind == VK_REG && t->kind != IRK_FIXED)
        ring_remove(cg, ti);
}

struct x86_mem cg_home(struct cg *cg, uintptr_t ti)
{
    struct ir_temp *t = cg_temp(cg, ti);
    if (t->kind == IRK_GLOBAL)
        return x86_mem_bd(CG_ENV, t->mem_offset);
    if (t->slot < 0) {
        if (cg->frame_used >= CG_FRAME_SLOTS) {
            cg->failed = true;       /* the TB is too big: the caller retries shorter */
            return x86_mem_bd(RSP, 0);
        }
        t->slot = (int32_t)cg->frame_used++ * 8;
    }
    return x86_mem_bd(RSP, t->slot);
}

bool cg_const_imm(struct cg *cg, uintptr_t ti, int32_t *imm)
{
    struct ir_temp *t = cg_temp(cg, ti);
    if (t->val_kind != VK_CONST && t->kind != IRK_CONST)
        return false;
    int64_t v = t->val;
    if (t->type == IR_I32) {
        *imm = (int32_t)(uint32_t)v;
        return true;
    }
    if (v != (int32_t)v)
        return false;
    *imm = (int32_t)v;
    return true;
}

/* Stores the temp's current value to its home if the home is stale. */
void cg_sync(struct cg *cg, uintptr_t ti)
{
    struct ir_temp *t = cg_temp(cg, ti);
    if (t->kind == IRK_CONST || t->kind == IRK_FIXED || t->mem_coherent)
        return;
    int size = t->type == IR_I64 ? 8 : 4;
    if (t->val_kind == VK_REG) {
        x86_store(&cg->b, size, t->reg, cg_home(cg, ti));
    } else if (t->val_kind == VK_CONST) {
        int64_t v = t->val;
        if (size == 4 || v == (int32_t)v) {
            x86_store_imm(&cg->b, size, (int32_t)v, cg_home(cg, ti));
        } else {
            int r = cg_alloc(cg, CG_ALL_REGS);
            x86_mov_ri(&cg->b, 64, r, (uint64_t)v);
            x86_store(&cg->b, 8, r, cg_home(cg, ti));
        }
    } else {
        return;     /* dead: nothing to store */
    }
    t->mem_coherent = true;
}

/* Empties register r: every temp in it goes to its home (stored if stale). */
static void spill_reg(struct cg *cg, int r)
{
    while (cg->reg_temp[r] >= 0) {
        uintptr_t ti = (uintptr_t)cg->reg_temp[r];
        cg_sync(cg, ti);
        ring_remove(cg, ti);
        cg_temp(cg, ti)->val_kind = VK_MEM;
    }
}

/* Moves every temp of register r to register dst (which is free). */
static void move_ring(struct cg *cg, int r, int dst)
{
    int32_t h = cg->reg_temp[r];
    bool is64 = false;
    uintptr_t ti = (uintptr_t)h;
    do {
        struct ir_temp *t = cg_temp(cg, ti);
        is64 |= t->type == IR_I64;
        t->reg = (uint8_t)dst;
        ti = t->reg_next;
    } while (ti != (uintptr_t)h);
    x86_mov_rr(&cg->b, is64 ? 64 : 32, dst, r);
    cg->reg_temp[dst] = h;
    cg->reg_temp[r] = -1;
}

/* Frees register r, keeping its values: moved to a free callee-saved register if one
 * exists (it survives calls), else written to their homes. */
void cg_evict(struct cg *cg, int r)
{
    if (cg->reg_temp[r] < 0)
        return;
    for (unsigned i = 0; i < sizeof alloc_order; i++) {
        int q = alloc_order[i];
        if (q != r && cg->reg_temp[q] < 0 && !(cg->locked & (1u << q)) &&
            !(CG_CALLER_SAVED & (1u << q))) {
            move_ring(cg, r, q);
            return;
        }
    }
    spill_reg(cg, r);
}

static bool ring_coherent(struct cg *cg, int r)
{
    int32_t h = cg->reg_temp[r];
    uintptr_t ti = (uintptr_t)h;
    do {
        struct ir_temp *t = cg_temp(cg, ti);
        if (!t->mem_coherent)
            return false;
        ti = t->reg_next;
    } while (ti != (uintptr_t)h);
    return true;
}

int cg_alloc(struct cg *cg, uint32_t allowed)
{
    allowed &= CG_ALL_REGS & ~cg->locked;
    for (unsigned i = 0; i < sizeof alloc_order; i++) {
        int r = alloc_order[i];
        if ((allowed & (1u << r)) && cg->reg_temp[r] < 0) {
            cg->locked |= 1u << r;
            return r;
        }
    }
    /* spill: prefer a register whose values are already in their homes */
    int victim = -1;
    for (unsigned i = 0; i < sizeof alloc_order; i++) {
        int r = alloc_order[i];
        if (!(allowed & (1u << r)))
            continue;
        if (victim < 0)
            victim = r;
        if (ring_coherent(cg, r)) {
            victim = r;
            break;
        }
    }
    assert(victim >= 0);
    spill_reg(cg, victim);
    cg->locked |= 1u << victim;
    return victim;
}

void cg_bind(struct cg *cg, uintptr_t ti, int r)
{
    struct ir_temp *t = cg_temp(cg, ti);
    unbind_reg(cg, t, ti);
    ring_add(cg, ti, r);
    cg->locked |= 1u << r;
}

/* Puts the temp's value in a register from 'allowed' and locks it for this op. */
int cg_in_reg(struct cg *cg, uintptr_t ti, uint32_t allowed)
{
    struct ir_temp *t = cg_temp(cg, ti);
    int w = t->type == IR_I64 ? 64 : 32;
    if (t->kind == IRK_FIXED)
        return t->reg;
    if (t->val_kind == VK_REG) {
        if (allowed & (1u << t->reg)) {
            cg->locked |= 1u << t->reg;
            return t->reg;
        }
        int r = cg_alloc(cg, allowed);
        x86_mov_rr(&cg->b, w, r, t->reg);
        bool coherent = t->mem_coherent;
        cg_bind(cg, ti, r);
        t->mem_coherent = coherent;
        return r;
    }
    int r = cg_alloc(cg, allowed);
    if (t->kind == IRK_CONST) {
        /* shared constants are materialized per use, never bound */
        x86_mov_ri(&cg->b, w, r, (uint64_t)t->val);
        return r;
    }
    if (t->val_kind == VK_CONST) {
        x86_mov_ri(&cg->b, w, r, (uint64_t)t->val);
    } else if (t->val_kind == VK_MEM) {
        x86_load(&cg->b, w / 8, false, w, r, cg_home(cg, ti));
    } else {
        /* reading a temp that has no value: a translator bug; be deterministic */
        x86_mov_ri(&cg->b, w, r, 0);
    }
    bool coherent = t->mem_coherent;
    cg_bind(cg, ti, r);
    t->mem_coherent = coherent;
    return r;
}

/* Makes a temp share the register (or value) of another: a move without code. */
void cg_alias(struct cg *cg, uintptr_t dst, uintptr_t src)
{
    struct ir_temp *d = cg_temp(cg, dst), *s = cg_temp(cg, src);
    assert(s->val_kind == VK_REG && s->kind != IRK_FIXED);
    unbind_reg(cg, d, dst);
    ring_add(cg, dst, s->reg);
    d->mem_coherent = false;
}

/* The output's old value is dead: drop its register unless an input of this op still
 * uses it (then cg_kill_dead_inputs frees it). */
void cg_unbind_output(struct cg *cg, uintptr_t ti)
{
    struct ir_temp *t = cg_temp(cg, ti);
    if (t->val_kind == VK_REG && t->kind != IRK_FIXED && !(cg->locked & (1u << t->reg))) {
        ring_remove(cg, ti);
        t->val_kind = VK_DEAD;
    }
}

void cg_dead(struct cg *cg, uintptr_t ti)
{
    struct ir_temp *t = cg_temp(cg, ti);
    if (t->kind == IRK_CONST || t->kind == IRK_FIXED)
        return;
    unbind_reg(cg, t, ti);
    t->val_kind = t->mem_coherent ? VK_MEM : VK_DEAD;
}

void cg_kill_dead_inputs(struct cg *cg, const struct ir_op *op)
{
    for (unsigned k = op->nb_oargs; k < (unsigned)(op->nb_oargs + op->nb_iargs); k++)
        if (op->dead_args & (1u << k))
            cg_dead(cg, op->args[k]);
}

/* Output k of op now lives in register r: bind, then sync/kill as liveness says. */
void cg_finish_output(struct cg *cg, const struct ir_op *op, unsigned k, int r)
{
    uintptr_t ti = op->args[k];
    struct ir_temp *t = cg_temp(cg, ti);
    assert(cg->reg_temp[r] < 0 || (uintptr_t)cg->reg_temp[r] == ti);
    cg_bind(cg, ti, r);
    t->mem_coherent = false;
    if (op->sync_args & (1u << k))
        cg_sync(cg, ti);
    if (op->dead_args & (1u << k))
        cg_dead(cg, ti);
}

void cg_sync_all(struct cg *cg, bool tb_temps)
{
    struct ir *ir = cg->ir;
    for (uint32_t i = 0; i < ir->nb_temps; i++) {
        uint8_t k = ir->temps[i].kind;
        if (k == IRK_GLOBAL || (tb_temps && k == IRK_TB))
            cg_sync(cg, i);
    }
}

/* At a label: values flow in from several places, so only homes are trusted. */
void cg_reset_at_label(struct cg *cg)
{
    struct ir *ir = cg->ir;
    for (uint32_t i = 0; i < ir->nb_temps; i++) {
        struct ir_temp *t = &ir->temps[i];
        t->reg_next = (uint16_t)i;
        switch (t->kind) {
        case IRK_GLOBAL:
            t->val_kind = VK_MEM;
            t->mem_coherent = true;
            break;
        case IRK_TB:
            /* every path into the label stored it (liveness makes tb temps sync) */
            t->val_kind = t->slot >= 0 ? VK_MEM : VK_DEAD;
            t->mem_coherent = t->slot >= 0;
            break;
        case IRK_EBB:
            t->val_kind = VK_DEAD;
            t->mem_coherent = false;
            break;
        default:
            break;
        }
    }
    for (int r = 0; r < 16; r++)
        cg->reg_temp[r] = -1;
}

/* A carry label continues with the register state of the one branch reaching it. */
void cg_snapshot_save(struct cg *cg, struct cg_snapshot *s)
{
    struct ir *ir = cg->ir;
    free(s->temps);
    s->temps = malloc((ir->nb_temps ? ir->nb_temps : 1) * sizeof *s->temps);
    if (!s->temps)
        abort();
    memcpy(s->reg_temp, cg->reg_temp, sizeof s->reg_temp);
    for (uint32_t i = 0; i < ir->nb_temps; i++) {
        const struct ir_temp *t = &ir->temps[i];
        s->temps[i] = (struct cg_temp_state){ t->val_kind, t->reg, t->mem_coherent,
                                              t->reg_next, t->slot, t->val };
    }
}

void cg_snapshot_restore(struct cg *cg, const struct cg_snapshot *s)
{
    struct ir *ir = cg->ir;
    memcpy(cg->reg_temp, s->reg_temp, sizeof s->reg_temp);
    for (uint32_t i = 0; i < ir->nb_temps; i++) {
        struct ir_temp *t = &ir->temps[i];
        if (t->kind == IRK_CONST)
            continue;
        t->val_kind = s->temps[i].val_kind;
        t->reg = s->temps[i].reg;
        t->mem_coherent = s->temps[i].mem_coherent;
        t->reg_next = s->temps[i].reg_next;
        /* a slot handed out after the branch stays this temp's (frame_used only grows) */
        if (s->temps[i].slot >= 0)
            t->slot = s->temps[i].slot;
        t->val = s->temps[i].val;
    }
}

/* A discard: the value is dead; a dirty global is simply not stored. */
void cg_discard(struct cg *cg, uintptr_t ti)
{
    struct ir_temp *t = cg_temp(cg, ti);
    if (t->kind == IRK_CONST || t->kind == IRK_FIXED)
        return;
    unbind_reg(cg, t, ti);
    t->val_kind = t->mem_coherent ? VK_MEM : VK_DEAD;
}

/* After a helper that may write globals: their registers are stale. */
void cg_globals_to_mem(struct cg *cg)
{
    struct ir *ir = cg->ir;
    for (uint32_t i = 0; i < ir->nb_globals; i++) {
        struct ir_temp *t = &ir->temps[i];
        if (t->kind != IRK_GLOBAL)
            continue;
        unbind_reg(cg, t, i);
        t->val_kind = VK_MEM;
        t->mem_coherent = true;
    }
}

/* Records a possible fault at host offset off with where every dirty global is. */
void cg_record_fault(struct cg *cg, uint32_t host_off, enum fault_kind kind, int addr_reg)
{
    struct ir *ir = cg->ir;
    cg->faults = cg_grow(cg->faults, &cg->cap_faults, sizeof *cg->faults, cg->nb_faults + 1);
    struct fault_rec *f = &cg->faults[cg->nb_faults++];
    f->host_off = host_off;
    f->insn = (uint16_t)(cg->nb_insns ? cg->nb_insns - 1 : 0);
    f->kind = (uint8_t)kind;
    f->addr_reg = (uint8_t)(addr_reg < 0 ? 0xff : addr_reg);
    f->map_first = cg->nb_maps;
    f->map_len = 0;
    for (uint32_t i = 0; i < ir->nb_globals; i++) {
        struct ir_temp *t = &ir->temps[i];
        if (t->kind != IRK_GLOBAL || t->mem_coherent)
            continue;
        if (t->val_kind != VK_REG && t->val_kind != VK_CONST)
            continue;
        cg->maps = cg_grow(cg->maps, &cg->cap_maps, sizeof *cg->maps, cg->nb_maps + 1);
        struct fault_map *m = &cg->maps[cg->nb_maps++];
        memset(m, 0, sizeof *m);
        m->env_off = t->mem_offset;
        m->size = t->type == IR_I64 ? 8 : 4;
        m->reg = t->val_kind == VK_REG ? t->reg : FAULT_MAP_CONST;
        m->val = (uint64_t)t->val;
        f->map_len++;
    }
}
