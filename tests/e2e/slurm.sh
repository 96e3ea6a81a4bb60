#!/bin/sh
# SPDX-License-Identifier: MIT
# slurm.sh: contrib/slurm/attrcheck-array.sbatch on a real single-node
# Slurm.  The test writes its own slurm.conf into its scratch folder
# (127.0.0.1, free ports, its own MUNGE key and socket, state, spool and
# logs there too), starts munged, slurmctld and slurmd itself, and stops
# them at exit.  Then:
#   - a 3-task array over 30 loopback URLs on five hosts gives together
#     exactly the results of a single run (timing fields aside);
#   - the same sbatch command again, after one part file was cut to a
#     line and a half (what a killed task leaves), completes that part
#     in place and leaves the others as they were;
#   - a task whose run could not check a target (a 503) requeues itself
#     and, restarted, checks only that target; a target that keeps
#     failing gives up after ATTRCHECK_REQUEUE_MAX restarts (exit 3); a
#     usage error is exit 2 and no requeue.
# Needs root (slurmd runs jobs as their user) and Debian's slurm-wlm and
# munge.  Without them it is SKIPPED on a developer's machine, but FAILS
# when CI is set: .ci/run installs them, and CI must run it.

. "$(dirname "$0")/lib.sh"
. "$SRCDIR/tests/e2e/server.sh"

require_attrcheck
PATH=$PATH:/usr/sbin:/sbin
export ATTRCHECK
JOB_SCRIPT="$SRCDIR/contrib/slurm/attrcheck-array.sbatch"

cannot() {
    case "${CI:-}" in
    "" | false | 0) skip_all "$(printf '%s' "$1" | tr '\n' ' ')" ;;
    *)
        not_ok "a single-node Slurm runs" "$1, and CI is set: CI must run this test"
        done_testing
        ;;
    esac
}

[ "$(id -u)" -eq 0 ] ||
    cannot "not root: slurmd must run as root to start jobs"
for c in munged mungekey munge slurmctld slurmd sbatch squeue scontrol sinfo; do
    command -v "$c" >/dev/null 2>&1 ||
        cannot "no $c (apt-get install slurm-wlm munge)"
done

# poll TRIES CMD...: CMD every 0.2 s until it succeeds, at most TRIES
# times (a guard against a hang, not a time budget)
poll() {
    poll_n=$1
    shift
    while [ "$poll_n" -gt 0 ]; do
        "$@" && return 0
        poll_n=$((poll_n - 1))
        sleep 0.2
    done
    return 1
}

# gone PID: the process has exited (a zombie counts as gone)
gone() {
    ! [ -r "/proc/$1/stat" ] || sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | grep -q '^Z'
}

# stop_pid PID: SIGTERM, then SIGKILL if it has not gone after a while
stop_pid() {
    [ -n "$1" ] || return 0
    kill "$1" 2>/dev/null || return 0
    poll 150 gone "$1" || kill -9 "$1" 2>/dev/null || :
    wait "$1" 2>/dev/null || :
}

S="$TMPD/slurm"
JOBS='' MUNGED_PID='' CTLD_PID='' SLURMD_PID=''
slurm_stop() {
    # shellcheck disable=SC2086
    [ -z "$JOBS" ] || [ -z "$CTLD_PID" ] || scancel $JOBS 2>/dev/null || :
    stop_pid "$SLURMD_PID"
    stop_pid "$CTLD_PID"
    stop_pid "$MUNGED_PID"
}

srv_start
# stop the daemons before the server and the scratch folder go (server.sh
# chained lib.sh's EXIT trap after its own: keep both)
trap >"$TMPD/traps"
prev_trap=$(sed -n "s/^trap -- '\(.*\)' EXIT\$/\1/p" "$TMPD/traps")
# shellcheck disable=SC2064 # expanded now on purpose
trap "slurm_stop; $prev_trap" EXIT

mkdir -p "$S/state" "$S/spool" "$S/munge"
chmod 755 "$S/munge"
SOCK="$S/munge/socket"
mungekey --create --keyfile="$S/munge.key" 2>"$S/mungekey.err" ||
    cannot "mungekey failed: $(cat "$S/mungekey.err")"
# --force: munged would refuse the scratch folder (mode 700) on the socket's path
munged --foreground --force --socket="$SOCK" --key-file="$S/munge.key" \
    --pid-file="$S/munged.pid" --log-file="$S/munged.log" \
    --seed-file="$S/munged.seed" </dev/null >"$S/munged.out" 2>&1 9>&- &
MUNGED_PID=$!
poll 150 eval "munge -n -S '$SOCK' >/dev/null 2>&1" ||
    cannot "munged did not start: $(tail -n 3 "$S/munged.out")"

# shellcheck disable=SC2046
set -- $("$PYTHON3" -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s:
    x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')
cat >"$S/slurm.conf" <<EOF
ClusterName=attrcheck
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$1
SlurmdPort=$2
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
# cred_expire is also how long a requeued job waits before it may start
AuthInfo=socket=$SOCK,cred_expire=5
StateSaveLocation=$S/state
SlurmdSpoolDir=$S/spool
SlurmctldPidFile=$S/slurmctld.pid
SlurmdPidFile=$S/slurmd.pid
SlurmctldLogFile=$S/slurmctld.log
SlurmdLogFile=$S/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MailProg=/bin/true
SchedulerParameters=bf_interval=1,sched_interval=1
SlurmdParameters=config_overrides
ReturnToService=2
NodeName=attrnode NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=2 RealMemory=100 State=UNKNOWN
PartitionName=attr Nodes=attrnode Default=YES MaxTime=INFINITE State=UP
EOF
SLURM_CONF="$S/slurm.conf"
export SLURM_CONF
slurmctld -D -f "$SLURM_CONF" </dev/null >"$S/slurmctld.out" 2>&1 9>&- &
CTLD_PID=$!
slurmd -D -N attrnode -f "$SLURM_CONF" </dev/null >"$S/slurmd.out" 2>&1 9>&- &
SLURMD_PID=$!
# daemons_gone: slurmctld or slurmd has exited (then no poll may wait on)
daemons_gone() {
    gone "$CTLD_PID" || gone "$SLURMD_PID"
}
node_idle() {
    [ "$(timeout 20 sinfo -h -N -n attrnode -o %T 2>/dev/null)" = idle ]
}
poll 300 eval "daemons_gone || node_idle" || :
if daemons_gone || ! node_idle; then
    cannot "the Slurm daemons did not come up: $(
        tail -n 1 "$S/slurmctld.out" "$S/slurmd.out" | grep -v '^==> \|^$' |
            tr '\n' ' '
    )"
fi

cd "$TMPD" || exit 1
R=""
for h in a b c d e f g h; do
    R="$R --resolve $h.test:$SRV_PORT:127.0.0.1"
done
# under a wrapper such as valgrind every run is 20-50 times slower: a
# longer --timeout keeps robots.txt from timing out in one run only
C="--no-config --no-verify${ATTRCHECK_WRAPPER:+ --timeout 300} $R"

# submit ARGS...: sbatch of the job script, its logs in $TMPD; prints the
# job id and remembers it for the cleanup
submit() {
    sbatch --parsable -o "$TMPD/log-%A_%a.out" "$@" | sed 's/;.*//'
}

# finished JOB: every task of JOB has ended (requeued ones count as not)
finished() {
    daemons_gone && return 0
    fin_states=$(timeout 20 squeue -h -t all -j "$1" -o %T 2>/dev/null) || return 1
    [ -n "$fin_states" ] && ! printf '%s\n' "$fin_states" |
        grep -qv -E '^(COMPLETED|FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL|BOOT_FAIL|DEADLINE|PREEMPTED)$'
}

# tasks JOB N: "JobState/Restarts/ExitCode " of tasks 1..N of array JOB,
# as scontrol shows them, on one line
tasks() {
    scontrol -o show job "$1" 2>/dev/null | awk -v n="$2" '
        {
            for (i = 1; i <= NF; i++) {
                split($i, kv, "=")
                f[kv[1]] = substr($i, length(kv[1]) + 2)
            }
            st[f["ArrayTaskId"]] = f["JobState"] "/" f["Restarts"] "/" f["ExitCode"]
        }
        END { for (k = 1; k <= n; k++) printf "%s ", st[k] }'
}

# logs: the jobs' own output, as diagnostics
logs() {
    tail -n 5 "$TMPD"/log-*.out 2>/dev/null | head -n 40
}

# rows FILE...: each result without its timing fields, sorted
rows() {
    cat "$@" | "$PYTHON3" -c '
import json, sys
for line in sys.stdin:
    o = json.loads(line)
    o.pop("fetch", None)
    print(json.dumps(o, sort_keys=True))' | sort
}

# N URLs on five hosts (ATTRCHECK_SLURM_URLS, a multiple of 5: 30 here,
# 3000 for the figure in docs/archive.md), four kinds of page in turn so
# that the verdicts differ: a linked CC BY notice, a plain-text one, a
# credit to an original, no notice
cc='<a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>'
echo "<title>p</title><p>Text under $cc.</p>" >"$SRV_DIR/p0.html"
echo "<title>p</title><p>This text is licensed under CC BY.</p>" >"$SRV_DIR/p1.html"
echo '<title>p</title><p>From <a href="https://origin.example/a">Origin</a>.</p>' >"$SRV_DIR/p2.html"
echo "<title>p</title><p>Nothing.</p>" >"$SRV_DIR/p3.html"
N=${ATTRCHECK_SLURM_URLS:-30}
: >urls
for h in a b c d e; do
    i=0
    while [ "$i" -lt $((N / 5)) ]; do
        echo "http://$h.test:$SRV_PORT/p$((i % 4)).html?n=$i" >>urls
        i=$((i + 1))
    done
done
t0=$(date +%s)
# shellcheck disable=SC2086
"$ATTRCHECK" $C -f jsonl -i urls >single.jsonl 2>single.err || :
rows single.jsonl >want

t1=$(date +%s)
# shellcheck disable=SC2086
job=$(submit --array=1-3 "$JOB_SCRIPT" urls out $C)
JOBS="$job"
poll 3000 finished "$job" || :
diag "one process: $((t1 - t0)) s; the 3-task array: $(($(date +%s) - t1)) s;" \
    "verdicts: $(json_field single.jsonl verdict | sort | uniq -c | tr -s ' \n' '  ')"
rows out/part-1.jsonl out/part-2.jsonl out/part-3.jsonl >got 2>/dev/null || :
st=$(tasks "$job" 3)
check "$([ "$st" = "COMPLETED/0/0:0 COMPLETED/0/0:0 COMPLETED/0/0:0 " ] &&
    [ "$(wc -l <want)" -eq "$N" ] && cmp -s want got && echo 0 || echo 1)" \
    "3-task array: the union of the parts equals one run ($N targets)" \
    "tasks: $st" "$(diff want got | head)" "$(logs)"
n1=$(wc -l <out/part-1.jsonl || :)
n2=$(wc -l <out/part-2.jsonl || :)
n3=$(wc -l <out/part-3.jsonl || :)
check "$([ "${n1:-0}" -gt 0 ] && [ "${n2:-0}" -gt 0 ] && [ "${n3:-0}" -gt 0 ] &&
    echo 0 || echo 1)" "each of the 3 tasks checked some targets ($n1, $n2, $n3)"

# a killed task leaves whole lines and perhaps a torn one: cut the
# biggest part so, then the same sbatch command again.  Alongside, the
# requeue cases: a 503 (once) makes its task exit 3 and requeue itself,
# and the restarted task retries just that target; a target that always
# fails gives up after ATTRCHECK_REQUEUE_MAX restarts; a usage error is
# final.
big=1
[ "${n2:-0}" -gt "$(wc -l <out/part-$big.jsonl)" ] && big=2
[ "${n3:-0}" -gt "$(wc -l <out/part-$big.jsonl)" ] && big=3
for k in 1 2 3; do
    cp "out/part-$k.jsonl" "before-$k.jsonl"
done
{
    head -n 1 "before-$big.jsonl"
    sed -n 2p "before-$big.jsonl" | cut -c 1-40 | tr -d '\n'
} >"out/part-$big.jsonl"
: >urls2
for h in f g h; do
    echo "http://$h.test:$SRV_PORT/page?n=1" >>urls2
    echo "http://$h.test:$SRV_PORT/page?n=2" >>urls2
done
flaky="http://g.test:$SRV_PORT/503?slurm"
echo "$flaky" >>urls2
echo "http://h.test:$SRV_PORT/always/503" >urls3
# shellcheck disable=SC2086
job=$(submit --array=1-3 "$JOB_SCRIPT" urls out $C)
# shellcheck disable=SC2086
rq=$(submit --array=1-3 "$JOB_SCRIPT" urls2 out2 $C --retries 0)
# shellcheck disable=SC2086
gu=$(export ATTRCHECK_REQUEUE_MAX=1 && submit --array=1 "$JOB_SCRIPT" urls3 out3 $C --retries 0)
# shellcheck disable=SC2086
us=$(submit --array=1 "$JOB_SCRIPT" urls2 out4 $C --no-such-option)
JOBS="$JOBS $job $rq $gu $us"
for j in $job $rq $gu $us; do
    poll 3000 finished "$j" || :
done

rows out/part-1.jsonl out/part-2.jsonl out/part-3.jsonl >got 2>/dev/null || :
same=0
for k in 1 2 3; do
    [ "$k" -eq "$big" ] || cmp -s "before-$k.jsonl" "out/part-$k.jsonl" || same=1
done
st=$(tasks "$job" 3)
check "$([ "$st" = "COMPLETED/0/0:0 COMPLETED/0/0:0 COMPLETED/0/0:0 " ] &&
    cmp -s want got && [ "$same" -eq 0 ] &&
    grep -q "damaged last line" "$TMPD/log-${job}_$big.out" && echo 0 || echo 1)" \
    "the same sbatch again completes a torn part in place, each target once" \
    "tasks: $st; other parts unchanged: $same" "$(diff want got | head)" "$(logs)"

fk=$(grep -l "503?slurm" out2/part-*.jsonl 2>/dev/null | sed -n 's/.*part-\([0-9]\)\.jsonl$/\1/p')
want_st=""
for k in 1 2 3; do
    if [ "$k" = "$fk" ]; then
        want_st="${want_st}COMPLETED/1/0:0 "
    else
        want_st="${want_st}COMPLETED/0/0:0 "
    fi
done
st=$(tasks "$rq" 3)
vs=$(json_field out2/part-"${fk:-0}".jsonl target verdict 2>/dev/null |
    sed -n "s|^$flaky ||p" | tr '\n' ' ' || :)
n=$(cat out2/part-*.jsonl 2>/dev/null | wc -l)
check "$([ -n "$fk" ] && [ "$st" = "$want_st" ] && [ "$n" -eq 8 ] &&
    [ "${vs%% *}" = error ] && [ "$(echo "$vs" | wc -w)" -eq 2 ] &&
    [ "$(echo "$vs" | cut -d' ' -f2)" != error ] && echo 0 || echo 1)" \
    "exit 3 requeues the task; restarted, it retries only the failed target" \
    "task with the 503: ${fk:-none}; tasks: $st (want $want_st); lines: $n" \
    "verdicts of $flaky: $vs" "$(logs)"
st=$(tasks "$gu" 1)
n=$(grep -c '"verdict":"error"' out3/part-1.jsonl 2>/dev/null || :)
check "$([ "$st" = "FAILED/1/3:0 " ] && [ "${n:-0}" -eq 2 ] && echo 0 || echo 1)" \
    "a target that keeps failing: requeued once, then the task exits 3" \
    "tasks: $st; error lines: $n" "$(logs)"
st=$(tasks "$us" 1)
check "$([ "$st" = "FAILED/0/2:0 " ] && echo 0 || echo 1)" \
    "a usage error: exit 2, not requeued" "tasks: $st" "$(logs)"
done_testing
