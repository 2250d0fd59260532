/* The execution loop: find or translate the TB for the guest pc, chain it to the one
 * that just ran, enter it; and the way back in when generated code faults. */
#include "tcg/exec.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "common/log.h"
#include "target/target.h"
#include "tcg/disas.h"
#include "tcg/opt.h"
#include "tcg/page.h"
#include "tcg/tb.h"
#include "tcg/translate.h"
#include "tcg/x86_64/cg.h"
#include "tcg/x86_64/hostcpu.h"
#include "tcg/x86_64/hostfp.h"

#define TB_EXIT_REQUESTED 2
#define DEFAULT_CODE_CACHE (256u << 20)
#define MAX_INSNS_PER_TB 512

static const struct target_ops *tops;
static struct tcg_options topts;
static struct ir g_ir;            /* the translation context: used under tb_lock */
static struct cg g_cg;
static uint64_t flush_count;      /* atomic: bumped by every flush */
static _Thread_local struct cpu_common *tls_cpu;
/* After a store hit translated code: run the store's instruction once from a TB that
 * neither protects its page nor is kept, else a store into its own TB's page would
 * fault forever (the retranslated TB protects the page again before the store). */
static _Thread_local bool tls_smc_once;
/* After a folded address offset wrapped past the edge of a 32-bit guest's window onto
 * mapped guest memory: run that instruction once translated without folding. */
static _Thread_local bool tls_nofold_once;

/* all CPUs, for jump-cache invalidation */
static struct cpu_common **cpus;
static size_t nb_cpus, cap_cpus;
static pthread_mutex_t cpus_lock = PTHREAD_MUTEX_INITIALIZER;

static FILE *perf_map;           /* /tmp/perf-PID.map: "start size name" per TB */

static void perf_map_tb(const struct tb *tb)
{
    if (perf_map)
        fprintf(perf_map, "%lx %x guest:0x%llx\n", (unsigned long)(uintptr_t)tb->code,
                tb->code_size, (unsigned long long)tb->pc);
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int tcg_init(const struct target_ops *ops, const struct tcg_options *opt)
{
    tops = ops;
    if (opt)
        topts = *opt;
    host_cpu_detect();
    if (!host_cpu.popcnt)
        return -ENOTSUP;     /* every x86-64 since 2008 has it; we rely on it */
    cg_count_execs = log_enabled(LOG_STATS);
    if (topts.perf_map) {
        char path[64];
        snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
        perf_map = fopen(path, "w");
        if (!perf_map)
            return -errno;
        setvbuf(perf_map, NULL, _IOLBF, 0);
    }
    int r = tb_storage_init(topts.code_cache_size ? topts.code_cache_size : DEFAULT_CODE_CACHE);
    if (r < 0)
        return r;
    if (cg_build_prologue() < 0)
        return -ENOMEM;
    ir_init(&g_ir, ops->addr_bits);
    g_ir.pc_offset = (int)offsetof(struct cpu_common, pc);
    ops->ir_init(&g_ir);
    return 0;
}

struct cpu_common *cpu_new(const struct target_ops *ops, const char *model)
{
    struct cpu_common *cpu = aligned_alloc(64, (ops->cpu_size + 63) & ~(size_t)63);
    if (!cpu)
        return NULL;
    memset(cpu, 0, ops->cpu_size);
    cpu->ops = ops;
    cpu->jc = malloc(JC_SIZE * sizeof *cpu->jc);
    if (!cpu->jc) {
        free(cpu);
        return NULL;
    }
    for (unsigned i = 0; i < JC_SIZE; i++)
        cpu->jc[i] = (struct jc_entry){ ~0ull, 0, 0, NULL, NULL };
    if (ops->cpu_init(cpu, model) < 0) {
        free(cpu->jc);
        free(cpu);
        return NULL;
    }
    pthread_mutex_lock(&cpus_lock);
    if (nb_cpus == cap_cpus) {
        size_t n = cap_cpus ? cap_cpus * 2 : 8;
        struct cpu_common **c = realloc(cpus, n * sizeof *c);
        if (c) {
            cpus = c;
            cap_cpus = n;
        }
    }
    if (nb_cpus < cap_cpus)
        cpus[nb_cpus++] = cpu;
    pthread_mutex_unlock(&cpus_lock);
    return cpu;
}

void cpu_free(struct cpu_common *cpu)
{
    pthread_mutex_lock(&cpus_lock);
    for (size_t i = 0; i < nb_cpus; i++) {
        if (cpus[i] == cpu) {
            cpus[i] = cpus[--nb_cpus];
            break;
        }
    }
    pthread_mutex_unlock(&cpus_lock);
    free(cpu->jc);
    free(cpu);
}

struct cpu_common *cpu_current(void) { return tls_cpu; }

void cpu_exit_request(struct cpu_common *cpu)
{
    if (cpu)
        atomic_store(&cpu->exit_request, 1);
}

/* Entries are filled only by their own thread; other threads only kill them by
 * setting pc to ~0 (atomically, so the owner never sees half an entry's key). */
void jc_invalidate(const struct tb *tb)
{
    pthread_mutex_lock(&cpus_lock);
    for (size_t i = 0; i < nb_cpus; i++) {
        struct jc_entry *jc = cpus[i]->jc;
        if (!tb) {
            for (unsigned k = 0; k < JC_SIZE; k++)
                __atomic_store_n(&jc[k].pc, ~0ull, __ATOMIC_RELAXED);
            continue;
        }
        struct jc_entry *e = &jc[jc_hash(tb->pc)];
        if (e->tb == tb)
            __atomic_store_n(&e->pc, ~0ull, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&cpus_lock);
}

/* ---- exclusive sections ----
 * A code-cache flush must not pull code from under a thread running it. Threads count
 * themselves running while inside cpu_exec; the flusher stops the others (exit
 * requests make them leave at the next TB entry), flushes, and lets them go on. */
static pthread_mutex_t excl_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t excl_idle = PTHREAD_COND_INITIALIZER;
static pthread_cond_t excl_over = PTHREAD_COND_INITIALIZER;
static int nb_running;
static bool excl_active;

static void exec_begin(void)
{
    pthread_mutex_lock(&excl_lock);
    while (excl_active)
        pthread_cond_wait(&excl_over, &excl_lock);
    nb_running++;
    pthread_mutex_unlock(&excl_lock);
}

static void exec_end(void)
{
    pthread_mutex_lock(&excl_lock);
    if (--nb_running == 0 && excl_active)
        pthread_cond_signal(&excl_idle);
    pthread_mutex_unlock(&excl_lock);
}

static void kick_all_cpus(void)
{
    pthread_mutex_lock(&cpus_lock);
    for (size_t i = 0; i < nb_cpus; i++)
        if (cpus[i] != tls_cpu)
            atomic_store(&cpus[i]->exit_request, 1);
    pthread_mutex_unlock(&cpus_lock);
}

/* Flushes the code cache with every other thread stopped. Called by a running thread
 * that holds no TB lock; if another thread is already flushing, waits for it instead. */
static void flush_exclusive(void)
{
    pthread_mutex_lock(&excl_lock);
    nb_running--;
    if (excl_active) {
        if (nb_running == 0)
            pthread_cond_signal(&excl_idle);
        while (excl_active)
            pthread_cond_wait(&excl_over, &excl_lock);
    } else {
        excl_active = true;
        kick_all_cpus();
        while (nb_running > 0)
            pthread_cond_wait(&excl_idle, &excl_lock);
        tb_flush();
        __atomic_add_fetch(&flush_count, 1, __ATOMIC_RELAXED);
        excl_active = false;
        pthread_cond_broadcast(&excl_over);
    }
    nb_running++;
    pthread_mutex_unlock(&excl_lock);
}

/* ---- fork ---- */

void tcg_fork_prepare(void)
{
    pthread_mutex_lock(&excl_lock);
    tb_lock();
    pthread_mutex_lock(&cpus_lock);
    page_table_lock();
}

void tcg_fork_parent(void)
{
    page_table_unlock();
    pthread_mutex_unlock(&cpus_lock);
    tb_unlock();
    pthread_mutex_unlock(&excl_lock);
}

/* The vanished threads' CPUs stay allocated (their memory came along) but unlisted. */
void tcg_fork_child(void)
{
    nb_running = 0;
    excl_active = false;
    pthread_cond_init(&excl_idle, NULL);
    pthread_cond_init(&excl_over, NULL);
    nb_cpus = 0;
    if (tls_cpu && cap_cpus)
        cpus[nb_cpus++] = tls_cpu;
    tcg_fork_parent();
}

/* ---- translation ---- */

static void log_tb(const struct tb *tb, const struct tr_ctx *ctx)
{
    if (log_enabled(LOG_IN_ASM)) {
        int arch, mode;
        tops->disas_mode(tb->flags, &arch, &mode);
        log_printf("IN: [pc=0x%llx flags=0x%x]\n", (unsigned long long)tb->pc, tb->flags);
        disas_log(arch, mode, g2h(tb->pc), (size_t)(ctx->pc_next - tb->pc), tb->pc);
        log_printf("\n");
    }
    if (log_enabled(LOG_OUT_ASM)) {
        log_printf("OUT: [size=%u]\n", tb->code_size);
        disas_log_host(tb->code, tb->code_size);
        log_printf("\n");
    }
}

/* Translates the TB at (pc, flags), with the TB lock held. Returns NULL when the code
 * cache is full: the caller flushes (outside the lock) and asks again. A TB that is not
 * cached is run once and forgotten: not hashed, no page protection, never chained. */
static struct tb *tb_gen_code(uint64_t pc, uint32_t flags, bool cached)
{
    unsigned max_insns = topts.single_step || !cached ? 1 : MAX_INSNS_PER_TB;
    g_ir.no_addr_fold = tls_nofold_once;
    uint64_t t0 = now_ns();
    for (;;) {
        struct tb *tb = tb_alloc(pc, flags);
        if (!tb)
            return NULL;
        ir_reset(&g_ir);
        struct tr_ctx ctx = {
            .ir = &g_ir, .tb = tb, .pc = pc, .flags = flags, .pc_next = pc,
            .max_insns = max_insns, .page_first = ~0ull, .page_last = ~0ull,
        };
        ir_chk_exit(&g_ir);
        tops->translate(&ctx);
        tb->guest_size = (uint32_t)(ctx.pc_next - pc);
        tb->page[0] = ctx.page_first != ~0ull ? ctx.page_first : (pc & guest_page_mask());
        if (ctx.page_last != ~0ull && ctx.page_last != tb->page[0])
            tb->page[1] = ctx.page_last;
        if (log_enabled(LOG_OP))
            ir_dump(&g_ir, "OP:");
        ir_optimize(&g_ir);
        ir_liveness(&g_ir);
        if (log_enabled(LOG_OP_OPT))
            ir_dump(&g_ir, "OP after optimization and liveness:");
        int size = cg_generate(&g_cg, &g_ir, tb, tb->code, tb_code_end());
        if (size < 0 && g_cg.b.overflow)
            return NULL;
        if (size < 0) {
            /* out of spill slots: a shorter TB always fits (one instruction does) */
            if (ctx.num_insns <= 1) {
                log_printf("crossrun: internal error: cannot generate code for pc 0x%llx\n",
                           (unsigned long long)pc);
                abort();
            }
            max_insns = ctx.num_insns / 2;
            continue;
        }
        if (!tb_commit(tb, (uint32_t)size, g_cg.insns, g_cg.nb_insns, g_cg.faults,
                       g_cg.nb_faults, g_cg.maps, g_cg.nb_maps))
            return NULL;
        tb_stats.guest_insns += ctx.num_insns;
        /* a TB for an unfetchable pc only raises the fault: if code is mapped there
         * later, it must not be found again */
        if (cached && ctx.page_first != ~0ull)
            tb_link(tb);
        else
            __atomic_store_n(&tb->invalid, true, __ATOMIC_RELAXED);
        tb_stats.translate_ns += now_ns() - t0;
        log_tb(tb, &ctx);
        perf_map_tb(tb);
        return tb;
    }
}

/* Looks up or translates under the TB lock, flushing the cache when it is full. */
static struct tb *tb_get(uint64_t pc, uint32_t flags, bool cached)
{
    for (;;) {
        tb_lock();
        struct tb *tb = cached ? tb_lookup(pc, flags) : NULL;
        if (!tb)
            tb = tb_gen_code(pc, flags, cached);
        tb_unlock();
        if (tb)
            return tb;
        flush_exclusive();
    }
}

static struct tb *tb_find(struct cpu_common *cpu, uint64_t pc, uint32_t flags)
{
    struct jc_entry *e = &cpu->jc[jc_hash(pc)];
    if (__atomic_load_n(&e->pc, __ATOMIC_RELAXED) == pc && e->flags == flags && e->tb &&
        !__atomic_load_n(&e->tb->invalid, __ATOMIC_RELAXED))
        return (struct tb *)e->tb;
    __atomic_add_fetch(&tb_stats.lookups_hash, 1, __ATOMIC_RELAXED);
    struct tb *tb = tb_lookup(pc, flags);
    if (!tb) {
        tb = tb_get(pc, flags, true);
        if (__atomic_load_n(&tb->invalid, __ATOMIC_RELAXED))
            return tb;      /* not cacheable: keep it out of the jump cache */
    }
    /* the key last, so a concurrent invalidation (pc = ~0) is never undone */
    __atomic_store_n(&e->pc, ~0ull, __ATOMIC_RELAXED);
    e->tb = tb;
    e->code = tb->code;
    e->flags = flags;
    __atomic_store_n(&e->pc, pc, __ATOMIC_RELEASE);
    return tb;
}

/* IEEE flags raised by inline float ops go to the target's FP status register. */
static void fp_flags_to_guest(struct cpu_common *cpu, unsigned fpx)
{
    if (fpx)
        tops->fp_flags(cpu, fpx);
}

unsigned jit_fp_take_flags(void)
{
    return host_fp_take();
}

static int exec_loop(struct cpu_common *cpu)
{
    struct tb *last = NULL;
    unsigned last_slot = 0;
    uint64_t flushes_seen = __atomic_load_n(&flush_count, __ATOMIC_RELAXED);
    for (;;) {
        if (atomic_exchange(&cpu->exit_request, 0)) {
            cpu->exception = EXCP_INTERRUPT;
            return EXCP_INTERRUPT;
        }
        uint64_t pc = cpu->pc;
        uint32_t flags = tops->tb_flags(cpu);
        struct tb *tb;
        if (tls_smc_once || tls_nofold_once) {
            tb = tb_get(pc, flags, false);
            tls_smc_once = tls_nofold_once = false;
        } else {
            tb = tb_find(cpu, pc, flags);
        }
        uint64_t flushes = __atomic_load_n(&flush_count, __ATOMIC_RELAXED);
        if (flushes != flushes_seen) {
            last = NULL;        /* the previous TB's code is gone */
            flushes_seen = flushes;
        }
        if (last && !topts.no_chain) {
            tb_lock();
            tb_add_jump(last, last_slot, tb);
            tb_unlock();
        }
        if (log_enabled(LOG_EXEC))
            log_printf("Trace: [pc=0x%llx flags=0x%x host=%p]\n", (unsigned long long)pc,
                       flags, (void *)tb->code);
        __atomic_add_fetch(&tb_stats.loop_exits, 1, __ATOMIC_RELAXED);
        if (tops->fp_flags)
            host_fp_take();         /* whatever host code raised is not the guest's */
        cpu->in_jit = true;
        uintptr_t ret = cg_enter(cpu, tb->code);
        cpu->in_jit = false;
        if (tops->fp_flags)
            fp_flags_to_guest(cpu, host_fp_take());
        last = NULL;
        if (ret >= 8) {
            last = (struct tb *)(ret & ~(uintptr_t)7);
            last_slot = (unsigned)(ret & 7);
        } else if (cpu->exception != EXCP_NONE) {
            return cpu->exception;
        }
    }
}

int cpu_exec(struct cpu_common *cpu)
{
    tls_cpu = cpu;
    cpu->exception = EXCP_NONE;
    exec_begin();
    /* faults in generated code and cpu_raise() come back here */
    if (sigsetjmp(cpu->jmp, 0) != 0) {
        if (tops->fp_flags)
            fp_flags_to_guest(cpu, host_fp_take());  /* cpu_raise() left them in MXCSR */
    }
    cpu->in_jit = false;
    cpu->helper_ra = 0;
    int e = cpu->exception != EXCP_NONE ? cpu->exception : exec_loop(cpu);
    exec_end();
    return e;
}

/* ---- faults ---- */

static const int greg_of_host[16] = {
    REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
    REG_R8, REG_R9, REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15,
};

static const struct fault_rec *find_fault(const struct tb *tb, uint32_t off, bool call)
{
    for (uint32_t i = 0; i < tb->nb_faults; i++) {
        const struct fault_rec *f = &tb->faults[i];
        if (f->host_off == off && (f->kind == FAULT_CALL) == call)
            return f;
    }
    return NULL;
}

/* Writes back the guest registers that lived in host registers at the fault and
 * sets pc (and the target's extra state) to the faulting instruction. */
static void restore_guest(struct cpu_common *cpu, const struct tb *tb,
                          const struct fault_rec *f, const ucontext_t *uc)
{
    for (uint32_t i = 0; i < f->map_len; i++) {
        const struct fault_map *m = &tb->maps[f->map_first + i];
        uint64_t v = m->reg == FAULT_MAP_CONST ? m->val
                   : (uint64_t)uc->uc_mcontext.gregs[greg_of_host[m->reg]];
        memcpy((char *)cpu + m->env_off, &v, m->size);
    }
    const struct insn_rec *ir = &tb->insns[f->insn];
    tops->restore_state(cpu, ir->pc, ir->extra);
}

_Noreturn static void back_to_loop(struct cpu_common *cpu, const ucontext_t *uc)
{
    /* the handler runs with a fresh MXCSR; the faulting code's flags are in uc */
    if (tops->fp_flags)
        fp_flags_to_guest(cpu, host_fp_of_context(uc));
    if (uc)
        pthread_sigmask(SIG_SETMASK, &uc->uc_sigmask, NULL);
    siglongjmp(cpu->jmp, 1);
}

/* Generated code folds small constant offsets into guest addresses; for a 32-bit guest
 * the sum can step over either end of the 4 GiB window (the guest meant the address
 * modulo 2^32) into the guard space around it. Returns the guest address meant. */
static bool wrapped_guest_addr(const void *host, uint64_t *gaddr)
{
    uintptr_t p = (uintptr_t)host;
    if (guest_addr_max != 0xffffffffu)
        return false;
    if (p < guest_base && guest_base - p <= GUEST_WINDOW_GUARD) {
        *gaddr = (1ull << 32) - (guest_base - p);
        return true;
    }
    uintptr_t top = guest_base + (1ull << 32);
    if (p >= top && p - top < GUEST_WINDOW_GUARD) {
        *gaddr = p - top;
        return true;
    }
    return false;
}

bool tcg_handle_fault(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    struct cpu_common *cpu = tls_cpu;
    if (!cpu || !cpu->in_jit)
        return false;
    uintptr_t hpc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    const struct tb *tb = NULL;
    const struct fault_rec *f = NULL;
    if (in_code_cache(hpc)) {
        tb = tb_find_by_host_pc(hpc);
        if (tb)
            f = find_fault(tb, (uint32_t)(hpc - (uintptr_t)tb->code), false);
    } else if (cpu->helper_ra) {
        tb = tb_find_by_host_pc(cpu->helper_ra);
        if (tb)
            f = find_fault(tb, (uint32_t)(cpu->helper_ra - (uintptr_t)tb->code), true);
    }
    if (!f)
        return false;

    if (f->kind == FAULT_ALIGN && sig == SIGILL) {
        uint64_t addr = (uint64_t)uc->uc_mcontext.gregs[greg_of_host[f->addr_reg]];
        restore_guest(cpu, tb, f, uc);
        cpu->exception = EXCP_BUS;
        cpu->excp_code = BUS_ADRALN;
        cpu->excp_addr = addr;
        back_to_loop(cpu, uc);
    }
    if (sig != SIGSEGV && sig != SIGBUS)
        return false;
    uint64_t gaddr = h2g(si->si_addr);
    if (!h2g_valid(si->si_addr)) {
        if (!wrapped_guest_addr(si->si_addr, &gaddr))
            return false;  /* generated code touched memory outside the guest: our bug */
        if (page_get_flags(gaddr) & PAGE_VALID) {
            restore_guest(cpu, tb, f, uc);
            cpu->exception = EXCP_NONE;
            tls_nofold_once = true;
            back_to_loop(cpu, uc);
        }
    }
    if (sig == SIGSEGV && page_unprotect(gaddr)) {
        /* a store into translated code: the TBs are gone; redo the instruction */
        restore_guest(cpu, tb, f, uc);
        cpu->exception = EXCP_NONE;
        tls_smc_once = true;
        back_to_loop(cpu, uc);
    }
    restore_guest(cpu, tb, f, uc);
    cpu->excp_addr = gaddr;
    if (sig == SIGBUS) {
        cpu->exception = EXCP_BUS;
        cpu->excp_code = si->si_code;
    } else {
        cpu->exception = EXCP_SEGV;
        cpu->excp_code = (page_get_flags(gaddr) & PAGE_VALID) ? SEGV_ACCERR : SEGV_MAPERR;
    }
    back_to_loop(cpu, uc);
}

void cpu_raise(struct cpu_common *cpu, int excp, uintptr_t ra)
{
    const struct tb *tb = tb_find_by_host_pc(ra);
    const struct fault_rec *f = tb ? find_fault(tb, (uint32_t)(ra - (uintptr_t)tb->code), true)
                                   : NULL;
    if (f) {
        const struct insn_rec *ir = &tb->insns[f->insn];
        tops->restore_state(cpu, ir->pc, ir->extra);   /* globals were synced at the call */
    }
    cpu->exception = excp;
    siglongjmp(cpu->jmp, 1);
}

void tcg_print_stats(FILE *f)
{
    struct cpu_common *cpu = tls_cpu;
    uint64_t execs = cpu ? cpu->tb_execs : 0, jc = cpu ? cpu->jc_hits : 0;
    uint64_t direct = execs > tb_stats.loop_exits + jc ? execs - tb_stats.loop_exits - jc : 0;
    fprintf(f, "crossrun JIT statistics\n");
    fprintf(f, "  TBs translated        %llu (%llu guest instructions)\n",
            (unsigned long long)tb_stats.tbs_translated,
            (unsigned long long)tb_stats.guest_insns);
    fprintf(f, "  host code bytes       %llu (%.1f per guest instruction)\n",
            (unsigned long long)tb_stats.host_bytes,
            tb_stats.guest_insns ? (double)tb_stats.host_bytes / (double)tb_stats.guest_insns : 0.0);
    fprintf(f, "  TB executions         %llu\n", (unsigned long long)execs);
    fprintf(f, "    via chained jumps   %llu\n", (unsigned long long)direct);
    fprintf(f, "    via inline jc hits  %llu\n", (unsigned long long)jc);
    fprintf(f, "    via the main loop   %llu\n", (unsigned long long)tb_stats.loop_exits);
    fprintf(f, "  chains patched        %llu\n", (unsigned long long)tb_stats.chains_made);
    fprintf(f, "  hash lookups          %llu\n", (unsigned long long)tb_stats.lookups_hash);
    fprintf(f, "  TBs invalidated       %llu\n", (unsigned long long)tb_stats.invalidations);
    fprintf(f, "  code cache flushes    %llu\n", (unsigned long long)tb_stats.flushes);
    fprintf(f, "  translation time      %.3f ms\n", (double)tb_stats.translate_ns / 1e6);
}
