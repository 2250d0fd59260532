/* See test_jit_harness.h. */
#include "test_jit_harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "ir_interp.h"
#include "tcg/opt.h"
#include "tcg/page.h"
#include "tcg/tb.h"
#include "tcg/x86_64/cg.h"
#include "tcg/x86_64/hostcpu.h"

#define CODE_CACHE (8u << 20)
#define SLOT_SIZE (512u << 10)
#define NSLOTS 4
#define GUARD 65536u

unsigned long jh_runs;

static struct host_cpu detected;
static uint8_t *gmem;
static uint8_t *code_base;
static struct tb slot_tb[NSLOTS];
static struct cg cg;

void jh_setup(void)
{
    if (gmem)
        return;
    host_cpu_detect();
    detected = host_cpu;
    /* guard pages on both sides: a wrong guest address faults instead of corrupting */
    uint8_t *p = mmap(NULL, JH_GMEM_SIZE + 2 * GUARD, PROT_NONE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED || mprotect(p + GUARD, JH_GMEM_SIZE, PROT_READ | PROT_WRITE)) {
        perror("guest memory");
        abort();
    }
    gmem = p + GUARD;
    /* the prologue loads guest_base as an immediate: set it first */
    guest_base = (uintptr_t)gmem;
    guest_addr_max = JH_GMEM_SIZE - 1;
    if (tb_storage_init(CODE_CACHE) < 0 || cg_build_prologue() < 0) {
        fprintf(stderr, "code cache set-up failed\n");
        abort();
    }
    code_base = tb_code_ptr();
}

uint8_t *jh_gmem(void) { return gmem; }

void jh_features(bool all)
{
    if (all) {
        host_cpu = detected;
    } else {
        host_cpu = (struct host_cpu){ 0 };
        host_cpu.popcnt = detected.popcnt;   /* the JIT requires it (tcg_init checks) */
    }
}

static const char *const g32_names[TENV_NG32] = {
    "w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7",
};
static const char *const g64_names[TENV_NG64] = {
    "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7",
};

void jh_ir_init(struct jh *h, unsigned addr_bits)
{
    ir_init(&h->ir, addr_bits);
    h->ir.pc_offset = (int)offsetof(struct cpu_common, pc);
    /* interleaved registration, so global indices do not sort by type */
    for (unsigned i = 0; i < TENV_NG32 || i < TENV_NG64; i++) {
        if (i < TENV_NG64)
            h->g64[i] = ir_global_i64(&h->ir, (int)(offsetof(struct tenv, g64) + 8 * i),
                                      g64_names[i]);
        if (i < TENV_NG32)
            h->g32[i] = ir_global_i32(&h->ir, (int)(offsetof(struct tenv, g32) + 4 * i),
                                      g32_names[i]);
    }
}

void jh_ir_free(struct jh *h) { ir_free(&h->ir); }

void *jh_compile(struct ir *ir, unsigned slot)
{
    if (slot >= NSLOTS)
        return NULL;
    uint8_t *buf = code_base + slot * SLOT_SIZE;
    struct tb *tb = &slot_tb[slot];
    memset(tb, 0, sizeof *tb);
    tb->pc = 0x1000 * (slot + 1);
    tb->code = buf;
    int size = cg_generate(&cg, ir, tb, buf, buf + SLOT_SIZE);
    if (size < 0)
        return NULL;
    tb->code_size = (uint32_t)size;
    return buf;
}

struct tb *jh_slot_tb(unsigned slot)
{
    return slot < NSLOTS ? &slot_tb[slot] : NULL;
}

uintptr_t jh_run(void *code, struct tenv *env)
{
    return cg_enter(env, code);
}

/* ---- differential check ---- */

struct outcome {
    struct tenv env;
    uint8_t *mem;
    uintptr_t exit_val;
    const char *label;
};

static bool same(const struct outcome *ref, const struct outcome *got, const struct ir *ir,
                 const char *what)
{
    bool ok = true;
    if (ref->exit_val != got->exit_val) {
        fprintf(stderr, "%s [%s]: exit value 0x%lx, expected 0x%lx\n", what, got->label,
                (unsigned long)got->exit_val, (unsigned long)ref->exit_val);
        ok = false;
    }
    for (unsigned i = 0; i < TENV_NG32; i++)
        if (ref->env.g32[i] != got->env.g32[i]) {
            fprintf(stderr, "%s [%s]: w%u = 0x%x, expected 0x%x\n", what, got->label, i,
                    got->env.g32[i], ref->env.g32[i]);
            ok = false;
        }
    for (unsigned i = 0; i < TENV_NG64; i++)
        if (ref->env.g64[i] != got->env.g64[i]) {
            fprintf(stderr, "%s [%s]: x%u = 0x%llx, expected 0x%llx\n", what, got->label, i,
                    (unsigned long long)got->env.g64[i], (unsigned long long)ref->env.g64[i]);
            ok = false;
        }
    for (unsigned i = 0; i < TENV_NSCRATCH; i++)
        if (ref->env.scratch[i] != got->env.scratch[i]) {
            fprintf(stderr, "%s [%s]: scratch[%u] = 0x%llx, expected 0x%llx\n", what,
                    got->label, i, (unsigned long long)got->env.scratch[i],
                    (unsigned long long)ref->env.scratch[i]);
            ok = false;
        }
    for (unsigned i = 0; i < 16; i++)
        if (ref->env.out[i] != got->env.out[i]) {
            fprintf(stderr, "%s [%s]: out[%u] = 0x%llx, expected 0x%llx\n", what, got->label,
                    i, (unsigned long long)got->env.out[i],
                    (unsigned long long)ref->env.out[i]);
            ok = false;
        }
    if (ref->env.common.pc != got->env.common.pc) {
        fprintf(stderr, "%s [%s]: pc = 0x%llx, expected 0x%llx\n", what, got->label,
                (unsigned long long)got->env.common.pc, (unsigned long long)ref->env.common.pc);
        ok = false;
    }
    if (memcmp(ref->mem, got->mem, JH_GMEM_SIZE)) {
        for (unsigned i = 0; i < JH_GMEM_SIZE; i++)
            if (ref->mem[i] != got->mem[i]) {
                fprintf(stderr, "%s [%s]: guest byte 0x%x = 0x%02x, expected 0x%02x\n", what,
                        got->label, i, got->mem[i], ref->mem[i]);
                break;
            }
        ok = false;
    }
    if (!ok && ir)
        ir_dump(ir, "IR of the failing variant:");
    return ok;
}

static bool interp_run(const struct ir *ir, struct outcome *o, const char *what)
{
    struct interp_env ie = { &o->env, o->mem, JH_GMEM_SIZE, 0, 0 };
    struct interp_result r;
    enum interp_status st = ir_interp(ir, &ie, &r);
    if (st != INTERP_EXIT) {
        fprintf(stderr, "%s [%s]: interpreter stopped at op %u: status %d %s\n", what,
                o->label, r.op_index, (int)st, r.msg);
        ir_dump(ir, "IR:");
        return false;
    }
    o->exit_val = r.exit_val;
    return true;
}

static void start(struct outcome *o, const struct tenv *env0, const uint8_t *gmem0,
                  uint8_t *mem, const char *label)
{
    o->env = *env0;
    o->mem = mem;
    o->label = label;
    if (gmem0)
        memcpy(mem, gmem0, JH_GMEM_SIZE);
    else
        memset(mem, 0, JH_GMEM_SIZE);
    o->exit_val = 0;
}

static bool variant(jh_build_fn build, void *arg, unsigned addr_bits, const struct tenv *env0,
                    const uint8_t *gmem0, bool opt, const struct outcome *ref, uint8_t *scratch,
                    const char *what)
{
    struct jh h;
    struct outcome o;
    jh_ir_init(&h, addr_bits);
    build(&h, arg);
    bool ok = true;
    if (opt) {
        ir_optimize(&h.ir);
        start(&o, env0, gmem0, scratch, "interp after ir_optimize");
        ok = interp_run(&h.ir, &o, what) && same(ref, &o, &h.ir, what);
    }
    ir_liveness(&h.ir);
    if (ok) {
        start(&o, env0, gmem0, scratch, opt ? "interp after optimize+liveness"
                                            : "interp after liveness");
        ok = interp_run(&h.ir, &o, what) && same(ref, &o, &h.ir, what);
    }
    if (ok) {
        start(&o, env0, gmem0, gmem, opt ? "jit, optimized" : "jit, not optimized");
        void *code = jh_compile(&h.ir, 0);
        if (!code) {
            fprintf(stderr, "%s [%s]: cg_generate failed\n", what, o.label);
            ir_dump(&h.ir, "IR:");
            ok = false;
        } else {
            o.exit_val = jh_run(code, &o.env);
            jh_runs++;
            ok = same(ref, &o, &h.ir, what);
        }
    }
    jh_ir_free(&h);
    return ok;
}

bool jh_check(jh_build_fn build, void *arg, unsigned addr_bits, const struct tenv *env0,
              const uint8_t *gmem0, unsigned variants, const char *what,
              struct tenv *res_env)
{
    static uint8_t ref_mem[JH_GMEM_SIZE], other_mem[JH_GMEM_SIZE];
    struct outcome ref;
    struct jh h;
    jh_ir_init(&h, addr_bits);
    build(&h, arg);
    start(&ref, env0, gmem0, ref_mem, "reference interpreter");
    bool ok = interp_run(&h.ir, &ref, what);
    jh_ir_free(&h);
    if (ok && (variants & JH_NOOPT))
        ok = variant(build, arg, addr_bits, env0, gmem0, false, &ref, other_mem, what);
    if (ok && (variants & JH_OPT))
        ok = variant(build, arg, addr_bits, env0, gmem0, true, &ref, other_mem, what);
    if (res_env)
        *res_env = ref.env;
    return ok;
}
