#!/usr/bin/env bash
# Turns the objects of one extension module into a single isolated object:
#
#   1. partially links them (`ld -r`) so calls between its own files resolve;
#   2. checks that the init function (PyInit_<short name>, or the
#      init_symbol attribute) is defined,
#      global, and that nothing would still be shared with other extensions;
#   3. renames the init function to the unique PyStatic_Init_* symbol derived
#      from the dotted module name, and makes every other defined symbol local.
#      Both names come from the caller: the rules compute them once, in
#      rules/private/naming.bzl (init_symbol, default_init_function), and the
#      registry names the same symbol.
#      COMDAT groups are dropped so each extension keeps a private copy of
#      its inline functions and template instances (as a .so with hidden
#      visibility would), instead of the final link discarding one copy
#      while the other's local references still point into it.
#
# Used by py_static_extension (rules/private/extension.bzl) and by the
# runtime tests (tests/runtime/harness), so both isolate modules one way.
#
# Usage:
#   isolate_extension.sh --ld LD --nm NM --objcopy OBJCOPY \
#       --module pkg.sub._mod --label //pkg/sub:_mod \
#       --init-function PyInit__mod --rename-to PyStatic_Init_3pkg3sub4_mod \
#       [--ar AR] --output OUT.o|OUT.a OBJ...
#   (an OUT.a is a one-member archive for cc_common's alwayslink library;
#   --module and --label only name the extension in error messages)
#
# Errors go to stderr naming the label and the fix; OUT.o is written only on
# success (through a temporary file and a rename).
set -euo pipefail

die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

LD="" NM="" OBJCOPY="" AR="" MODULE="" LABEL="" INIT="" NEW="" OUTPUT=""
OBJS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --ld) LD="$2"; shift 2 ;;
        --nm) NM="$2"; shift 2 ;;
        --objcopy) OBJCOPY="$2"; shift 2 ;;
        --ar) AR="$2"; shift 2 ;;
        --module) MODULE="$2"; shift 2 ;;
        --label) LABEL="$2"; shift 2 ;;
        --init-function) INIT="$2"; shift 2 ;;
        --rename-to) NEW="$2"; shift 2 ;;
        --output) OUTPUT="$2"; shift 2 ;;
        --) shift; OBJS+=("$@"); break ;;
        -*) die "isolate_extension.sh: unknown flag $1" ;;
        *) OBJS+=("$1"); shift ;;
    esac
done

[[ -n "$MODULE" && -n "$OUTPUT" && -n "$LD" && -n "$NM" && -n "$OBJCOPY" && -n "$INIT" && -n "$NEW" ]] ||
    die "isolate_extension.sh: --module, --init-function, --rename-to, --output, --ld, --nm and --objcopy are required"
LABEL="${LABEL:-$MODULE}"
[[ ${#OBJS[@]} -gt 0 ]] ||
    die "$LABEL: py_static_extension has no sources to compile; list the file that defines the module in srcs"

tmp="${OUTPUT}.partial.o"
isolated="${OUTPUT}.isolated.o"
trap 'rm -f "$tmp" "$isolated" "${OUTPUT}.tmp"' EXIT
"$LD" -r -o "$tmp" "${OBJS[@]}"

symbols=$("$NM" --defined-only "$tmp")
# nm prints "<value> <type> <name>"; T/t are text, W/w weak, u GNU unique.
init_type=$(awk -v s="$INIT" '$3 == s { print $2; exit }' <<<"$symbols")
case "$init_type" in
    T | W) ;;
    t | w)
        die "$LABEL: $INIT is defined but not global (is it static?); declare it with PyMODINIT_FUNC so CPython's loader, and ours, can find it"
        ;;
    "")
        others=$(awk '$2 ~ /^[TW]$/ && ($3 ~ /^PyInit_/ || $3 ~ /^PyInitU_/) { printf " %s", $3 }' <<<"$symbols")
        if [[ -n "$others" ]]; then
            die "$LABEL: module '$MODULE' needs an init function named $INIT, but its sources define only:$others. Set module = the matching dotted name, or rename the function"
        fi
        die "$LABEL: module '$MODULE' needs an init function named $INIT, and no source in srcs defines one. Add the file with PyMODINIT_FUNC $INIT(void) (or PYBIND11_MODULE/NB_MODULE) to srcs"
        ;;
    *)
        die "$LABEL: $INIT has symbol type '$init_type'; expected a global function"
        ;;
esac

unique=$(awk '$2 == "u" { printf " %s", $3 }' <<<"$symbols")
if [[ -n "$unique" ]]; then
    die "$LABEL: objects define GNU unique symbols that cannot be made private to this extension:$unique. Compile C++ sources with -fno-gnu-unique (py_static_extension adds it; check that copts or the toolchain do not undo it)"
fi

"$OBJCOPY" \
    --remove-section=.group \
    --redefine-sym "$INIT=$NEW" \
    --keep-global-symbol="$NEW" \
    "$tmp" "$isolated"
if [[ "$OUTPUT" == *.a ]]; then
    [[ -n "$AR" ]] || die "isolate_extension.sh: --ar is required for an archive output"
    # D: deterministic (zero timestamps, uids and modes) for reproducible builds.
    "$AR" rcD "${OUTPUT}.tmp" "$isolated"
else
    mv -f "$isolated" "${OUTPUT}.tmp"
fi
mv -f "${OUTPUT}.tmp" "$OUTPUT"
