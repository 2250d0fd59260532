/* -d category parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "common/log.h"

static void parses_lists(void **state)
{
    unsigned m = 0;
    const char *bad = NULL;
    size_t badlen = 0;
    assert_int_equal(log_parse_mask("in_asm,out_asm,stats", &m, &bad, &badlen), 0);
    assert_int_equal(m, LOG_IN_ASM | LOG_OUT_ASM | LOG_STATS);
    assert_int_equal(log_parse_mask("", &m, &bad, &badlen), 0);
    assert_int_equal(m, 0);
}

static void rejects_unknown(void **state)
{
    unsigned m = 7;
    const char *bad = NULL;
    size_t badlen = 0;
    assert_int_equal(log_parse_mask("in_asm,bogus,exec", &m, &bad, &badlen), -1);
    assert_int_equal(badlen, 5);
    assert_memory_equal(bad, "bogus", 5);
    assert_int_equal(m, 7);
}

static void all_covers_everything(void **state)
{
    unsigned m = 0;
    const char *bad;
    size_t badlen;
    assert_int_equal(log_parse_mask("all", &m, &bad, &badlen), 0);
    assert_true(m & LOG_STRACE);
    assert_true(m & LOG_UNIMP);
    assert_true(m & LOG_IN_ASM);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_lists),
        cmocka_unit_test(rejects_unknown),
        cmocka_unit_test(all_covers_everything),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
